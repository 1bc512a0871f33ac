export {
  startFakePlexTv,
  type FakePlexTv,
  type FakePlexTvOptions,
  type RecordedRequest,
  type Fault,
  type Route,
} from "./fake-plex-tv";
export type { Companion, Friend, HomeMember, PasswordAccount, PasswordAccountOptions } from "./plex-home";
export { completeDevice, type Device, type PartialDevice, type User } from "./plex-tv-state";
export {
  startFakeMediaServer,
  refusedUri,
  type FakeMediaServer,
  type FakeMediaServerOptions,
  type FakeSourceDevice,
} from "./fake-media-server";
