// The listener a course page adds for iframe embeds (the "Copy iframe code" snippet includes the
// same lines): each lab frame reports its height, and the frame is resized to it. Only a message
// from the frame's own window AND from the origin of its src counts (a foreign page navigated
// into the frame has another origin), and the height is clamped: a hostile value such as
// 33,554,432 px must not stretch the host page.
const MAX_HEIGHT = 20000;
addEventListener('message', (e) => {
  if (!e.data || e.data.type !== 'attention-pooling-lab:height') return;
  const height = Number(e.data.height);
  if (!(height >= 0)) return;
  for (const frame of document.querySelectorAll('iframe[data-attention-pooling-lab]')) {
    if (frame.contentWindow !== e.source || e.origin !== new URL(frame.src, location.href).origin) continue;
    frame.style.height = `${Math.min(height, MAX_HEIGHT)}px`;
  }
});
