// The engine lives in server/src/domain/sim (the staffing advisor runs it too); bench/ uses it from there.
export * from '../../server/src/domain/sim/engine.ts';
