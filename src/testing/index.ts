export {
  startFakePlexTv,
  type FakePlexTv,
  type FakePlexTvOptions,
  type RecordedRequest,
  type RetainedCounts,
  type Fault,
  type Route,
} from "./fake-plex-tv";
export { accountKinds, type AccountFields, type AccountKind } from "./accounts";
export type {
  ClaimedFor,
  Companion,
  Friend,
  HomeMember,
  NewHomeUser,
  PasswordAccount,
  PasswordAccountOptions,
} from "./plex-home";
export { completeDevice, type Device, type PartialDevice, type User } from "./plex-tv-state";
export {
  startFakeMediaServer,
  refusedUri,
  type FakeMediaServer,
  type FakeMediaServerOptions,
  type FakeSourceDevice,
} from "./fake-media-server";
