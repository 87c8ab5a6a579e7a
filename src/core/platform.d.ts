/**
 * The few globals outside the ECMAScript library that the core may use,
 * because every runtime it runs in (browsers, Web Workers, Node 17 and
 * later) has them. Anything else from the DOM or Node does not compile under
 * src/core/tsconfig.json.
 */
declare function structuredClone<T>(value: T): T;
