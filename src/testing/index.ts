export {
  startFakePlexTv,
  type FakePlexTv,
  type FakePlexTvOptions,
  type RecordedRequest,
  type Fault,
  type Route,
} from "./fake-plex-tv";
