export function asyncApiDocument(): Record<string, unknown> {
  return {};
}
