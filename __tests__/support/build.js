// Jest global setup: the command-line tests run the real built executable, so build dist/ first.
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");

module.exports = () => {
  execFileSync(process.execPath, [join(__dirname, "../../scripts/build.mjs")], { stdio: "pipe" });
};
