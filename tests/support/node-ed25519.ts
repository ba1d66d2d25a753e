/** The relay's node:crypto Ed25519, for tests and benches that sign or check fast. */
export { nodeCheck, nodeSigner } from '../../sync-server/src/approvals/node-ed25519.js';
