'use strict';

// Prints what the avsc reference implementation makes of every corpus case, as one JSON object keyed by
// case file name: the Parsing Canonical Form, its fingerprints, the hex binary encoding of each value and,
// for cases with a "reader" schema, each encoding decoded with the reader schema and encoded again.
// Streams.Avro.Tests runs this script and compares its own output byte for byte.

const fs = require('fs');
const path = require('path');

const avro = require('./load-avsc');

// avsc offers md5 and sha256 fingerprints (Type#fingerprint) but no CRC-64-AVRO, so it is computed here
// from the spec's definition, over avsc's canonical form.
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) {
    fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  }
  return fp;
});

function crc64(buffer) {
  let fp = EMPTY;
  for (const b of buffer) {
    fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(b)) & 0xffn)];
  }
  return fp.toString(16).padStart(16, '0');
}

// Values in the corpus use the Avro JSON encoding, where unions are wrapped as {"branch": value}.
function forSchema(schema) {
  return avro.Type.forSchema(schema, { wrapUnions: true });
}

const corpusDir = process.argv[2] || path.join(__dirname, 'corpus');
const results = {};
for (const file of fs.readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort()) {
  const testCase = JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8'));
  const type = forSchema(testCase.schema);
  const canonical = JSON.stringify(type.schema());
  const encodings = (testCase.values || []).map((v) => type.toBuffer(type.fromString(JSON.stringify(v))));
  const result = {
    canonical,
    crc64: crc64(Buffer.from(canonical, 'utf8')),
    md5: type.fingerprint('md5').toString('hex'),
    sha256: type.fingerprint('sha256').toString('hex'),
    encodings: encodings.map((b) => b.toString('hex')),
  };
  if (testCase.reader !== undefined) {
    const readerType = forSchema(testCase.reader);
    const resolver = readerType.createResolver(type);
    result.resolved = encodings.map((b) => readerType.toBuffer(readerType.fromBuffer(b, resolver)).toString('hex'));
  }
  results[file] = result;
}

process.stdout.write(JSON.stringify(results, null, 1) + '\n');
