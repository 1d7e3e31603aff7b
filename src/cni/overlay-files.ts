import type { ManagedFile } from '../runtime/managed-file.ts';
import { renderCniConflist } from './cni-conflist.ts';
import type { KitCniVersion } from './cni-conflist.ts';
import { CNI_CONFLIST_PATH, OVERLAY_RULES_PATH, OVERLAY_SCRIPT_PATH, OVERLAY_STATE_PATH, OVERLAY_UNIT_PATH } from './overlay-names.ts';
import { renderOverlayRules } from './overlay-rules.ts';
import { renderOverlayScript, renderOverlayUnit } from './overlay-script.ts';
import { renderOverlayState } from './overlay-state-file.ts';
import type { OverlayState } from './overlay-state.ts';

/** Every file the overlay puts on one host. */
export function overlayFiles(state: OverlayState, cniVersion: KitCniVersion): ManagedFile[] {
  return [
    { path: OVERLAY_STATE_PATH, content: renderOverlayState(state), mode: 0o644 },
    { path: OVERLAY_RULES_PATH, content: renderOverlayRules(state), mode: 0o644 },
    { path: OVERLAY_SCRIPT_PATH, content: renderOverlayScript(), mode: 0o755 },
    { path: OVERLAY_UNIT_PATH, content: renderOverlayUnit(), mode: 0o644 },
    { path: CNI_CONFLIST_PATH, content: renderCniConflist({ cniVersion, podSubnet: state.self.podSubnet, mtu: state.mtu }), mode: 0o644 },
  ];
}
