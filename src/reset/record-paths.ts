import { IMAGE_DIR } from '../artifacts/artifact-catalog.ts';

/** kit's own state directory on a host (image archives wait here, the pre-kit record lives here). */
export const KIT_STATE_DIR = IMAGE_DIR.slice(0, IMAGE_DIR.lastIndexOf('/'));

/**
 * What the host looked like before kit's first write, taken once by the prepare phase and
 * removed last by reset. A directory renamed into place when complete, so a record is whole or absent.
 */
export const PRE_KIT_RECORD_DIR = `${KIT_STATE_DIR}/pre-kit`;
export const PARTIAL_RECORD_DIR = `${KIT_STATE_DIR}/pre-kit.partial`;
