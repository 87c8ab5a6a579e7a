// A worker thread for `zeroout simulate`: loads the TypeScript through tsx, then runs its range of calls.
import { register } from 'tsx/esm/api';

register();
await import('./simulate-range.ts');
