// Chrome's offscreen document for the ring sound: what to play is in its URL
// (`?mode=ring|test&volume=0..1`); the background closes the document to stop it.
import { playRing, type RingMode } from '../../src/agent/ring-sound';

const params = new URLSearchParams(location.search);
const mode: RingMode = params.get('mode') === 'test' ? 'test' : 'ring';
playRing(document, mode, Number(params.get('volume') ?? '0.8'));
