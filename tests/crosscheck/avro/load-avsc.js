'use strict';

// avsc for the cross-check scripts; without it they stop with how to install it, which the C# tests report.
try {
  module.exports = require('avsc');
} catch (err) {
  process.stderr.write('avsc is not installed: run `npm ci --prefix tests/crosscheck/avro`\n');
  process.exit(2);
}
