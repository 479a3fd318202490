export { exceedsJsonDepth, jsonDepth, jsonDepthMessage, MAX_JSON_DEPTH } from './jsonLimits';
