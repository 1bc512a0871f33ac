// What the command line shows: plain lines when piped, a live countdown and colour on a terminal.

import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { renderUnicodeCompact } from "uqr";
import { untilAborted } from "../transport/until-aborted";

export interface Terminal {
  readonly isTTY: boolean;
  /** The terminal's width, when stdout is a terminal that tells it. */
  readonly columns: number | undefined;
  /** A line on stdout. */
  line(text?: string): void;
  /** A note on stderr (progress, warnings), so stdout stays clean for --json. */
  note(text: string): void;
  bold(text: string): string;
  dim(text: string): string;
  qr(text: string): string;
  /** A line that rewrites itself every second on a TTY; `stop` clears it. Nothing on a pipe. */
  countdown(render: () => string): { stop(): void };
}

export function terminal(stdout = process.stdout, stderr = process.stderr, env = process.env): Terminal {
  const isTTY = Boolean(stdout.isTTY);
  const colour = isTTY && !("NO_COLOR" in env && env.NO_COLOR !== "");
  const style = (code: number, reset: number) => (text: string) =>
    colour ? `\x1b[${code}m${text}\x1b[${reset}m` : text;
  return {
    isTTY,
    columns: isTTY && stdout.columns > 0 ? stdout.columns : undefined,
    line: (text = "") => void stdout.write(`${text}\n`),
    note: (text) => void stderr.write(`${text}\n`),
    bold: style(1, 22),
    dim: style(2, 22),
    qr: (text) => renderUnicodeCompact(text, { border: 1 }),
    countdown(render) {
      if (!isTTY) return { stop() {} };
      const draw = () => void stdout.write(`\r\x1b[2K${render()}`);
      draw();
      const timer = setInterval(draw, 1000);
      return {
        stop() {
          clearInterval(timer);
          stdout.write("\r\x1b[2K");
        },
      };
    },
  };
}

/**
 * Text from plex.tv (server names, usernames, error messages) with its control characters made visible, so an
 * answer can never move the cursor, recolour or retitle the user's terminal. What is not text shows as textOf says.
 */
export const printable = (text: unknown) =>
  (typeof text === "string" ? text : (textOf(text) ?? "")).replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );

/**
 * A field plex.tv may leave out, send as null or empty, or as another type than its spec says: its text (a number
 * as its digits), or undefined when it holds none.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** How many columns a block of text (a QR code) needs. */
export const widthOf = (block: string) => Math.max(0, ...block.split("\n").map((line) => line.length));

/** "14:05" for 845 000 ms. */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Asks on stderr and reads one line of stdin. Only the answer to a question that is not `hidden` is echoed (on a
 * terminal): a password or PIN never is, nor what is typed ahead of a question, and no earlier answer can be
 * brought back (readline's history, the Up key). Ctrl-C at a prompt is the user's Ctrl-C: SIGINT.
 */
export interface Prompter {
  ask(question: string, options?: { hidden?: boolean }): Promise<string>;
  close(): void;
}

export function prompter(signal: AbortSignal, input = process.stdin, stderr = process.stderr): Prompter {
  // readline echoes what is typed through its output, which passes it on only while a visible question waits.
  let echo = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (echo) stderr.write(chunk);
      done();
    },
  });
  const lines = createInterface({ input, output, terminal: Boolean(input.isTTY), historySize: 0 });
  // Off as soon as a line ends, before readline handles the keys typed after it.
  lines.on("line", () => (echo = false));
  // On a terminal readline reads keys raw, so Ctrl-C reaches it instead of raising SIGINT: raise it.
  lines.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
  const iterator = lines[Symbol.asyncIterator]();
  return {
    async ask(question, { hidden = false } = {}) {
      stderr.write(question);
      lines.setPrompt(question); // what readline redraws (Ctrl-U, a resize): the question, not its "> "
      echo = !hidden;
      try {
        const { value, done } = await untilAborted(iterator.next(), signal);
        if (done) throw new Error("no answer: stdin ended");
        return String(value);
      } finally {
        echo = false;
        if (hidden) stderr.write("\n");
      }
    },
    close: () => lines.close(),
  };
}
