// Drives a schema registry with @kafkajs/confluent-schema-registry, a real Confluent Schema Registry client.
// Usage: node client.js <registry url> <case.json>
// case.json: {"subject": "...", "schema": "<schema JSON text>", "records": [...], "decode": ["<hex>", ...]}
// In records, a value {"$hex": "..."} stands for bytes. Prints one JSON object: the id the registry gave,
// the id of the subject's latest version, the schema fetched back by id, each record encoded (hex, Confluent
// framing) and each given hex value decoded (bytes again as {"$hex": ...}).
'use strict';

const fs = require('fs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

function revive(value) {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    if (typeof value.$hex === 'string') return Buffer.from(value.$hex, 'hex');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

function printable(value) {
  if (Buffer.isBuffer(value)) return { $hex: value.toString('hex') };
  if (Array.isArray(value)) return value.map(printable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)]));
  }
  return value;
}

async function main() {
  const [url, casePath] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(casePath, 'utf8'));
  const registry = new SchemaRegistry({ host: url, retry: { retries: 0 } });
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: input.schema }, { subject: input.subject });
  const latestId = await registry.getLatestSchemaId(input.subject);
  const encoded = [];
  for (const record of input.records || []) {
    encoded.push((await registry.encode(id, revive(record))).toString('hex'));
  }

  // A fresh client has nothing cached, so these fetch the writer schemas by id from the registry.
  const reader = new SchemaRegistry({ host: url, retry: { retries: 0 } });
  const fetched = await reader.getSchema(id);
  const decoded = [];
  for (const hex of input.decode || []) {
    decoded.push(printable(await reader.decode(Buffer.from(hex, 'hex'))));
  }

  process.stdout.write(JSON.stringify({ id, latestId, fetchedName: fetched.name, encoded, decoded }));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
