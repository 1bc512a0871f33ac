// A process that uses a fileStore the way a second app or CLI run would. argv: path, then a command:
//   sets PREFIX N  — sets N keys PREFIX0..PREFIXn-1, all at once
//   identifier     — prints loadOrCreateClientIdentifier's answer
const { loadOrCreateClientIdentifier } = require("../../dist/index.cjs");
const { fileStore } = require("../../dist/node.cjs");

const [path, command, prefix, count] = process.argv.slice(2);
const store = fileStore(path);
const run =
  command === "sets"
    ? Promise.all(Array.from({ length: Number(count) }, (_, i) => store.set(`${prefix}${i}`, String(i)))).then(
        () => "ok",
      )
    : loadOrCreateClientIdentifier(store);
run.then(
  (out) => console.log(out),
  (error) => (console.error(error), process.exit(1)),
);
