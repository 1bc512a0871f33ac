export {
  startFakePlexTv,
  type FakePlexTv,
  type FakePlexTvOptions,
  type RecordedRequest,
  type Fault,
  type Route,
} from "./fake-plex-tv";
export {
  startFakeMediaServer,
  refusedUri,
  type FakeMediaServer,
  type FakeMediaServerOptions,
} from "./fake-media-server";
