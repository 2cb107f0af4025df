'use strict';

// Prints avsc's verdict on every reader/writer pair of compatibility/pairs.json, as one JSON object keyed by pair
// name: {"compatible": true} when readerType.createResolver(writerType) succeeds, else {"compatible": false,
// "error": ...}. Streams.SchemaRegistry.Tests runs this script and requires its own checker to agree.

const fs = require('fs');
const path = require('path');

const avro = require('./load-avsc');


const pairsFile = process.argv[2] || path.join(__dirname, 'compatibility', 'pairs.json');
const results = {};
for (const pair of JSON.parse(fs.readFileSync(pairsFile, 'utf8'))) {
  const reader = avro.Type.forSchema(pair.reader);
  const writer = avro.Type.forSchema(pair.writer);
  try {
    // The specification matches named types on their unqualified names ("both schemas are records with the same
    // (unqualified) name"); avsc does so with ignoreNamespaces, and compares full names without it. The options are
    // new for each pair: avsc caches the record resolvers it builds in them, by record names.
    reader.createResolver(writer, { ignoreNamespaces: true });
    results[pair.name] = { compatible: true };
  } catch (err) {
    results[pair.name] = { compatible: false, error: err.message };
  }
}

process.stdout.write(JSON.stringify(results, null, 1) + '\n');
