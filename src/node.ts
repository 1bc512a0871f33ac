// plex-tv-auth/node: what needs Node's own modules (a store in a file shared between processes).
export { CorruptStoreError, fileStore, type FileStore } from "./stores/file-store";
