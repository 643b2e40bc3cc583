// The listener a course page adds for iframe embeds (the "Copy iframe code" snippet includes the
// same lines): each lab frame reports its height, and the frame is resized to it.
addEventListener('message', (e) => {
  if (!e.data || e.data.type !== 'attention-pooling-lab:height') return;
  for (const frame of document.querySelectorAll('iframe[data-attention-pooling-lab]')) {
    if (frame.contentWindow === e.source) frame.style.height = `${e.data.height}px`;
  }
});
