// The drawing size of a plot: its container's CSS width (so 12 px text stays 12 px on a phone),
// clamped to a readable range, with a fixed aspect ratio. Read once, at mount.
export function frameSize(container, aspect = 0.6) {
  const width = Math.round(Math.min(640, Math.max(300, container.clientWidth || 560)));
  return { W: width, H: Math.round(Math.max(240, width * aspect)) };
}
