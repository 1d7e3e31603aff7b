/** `235.2 MiB`: how artifact sizes are shown to people. */
export function mebibytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}
