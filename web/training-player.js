// The player of the training exercises (leave-one-out, lenrek, after-square, per-coordinate): one
// start state (epoch 0, before any step), Play / Pause, Step, "To the end", "Reset training", a
// speed, and a status line that says what each press did or why it did nothing. The exercise owns
// the run and draws epoch `state.epoch` of it; the player only moves that epoch.
import { button, select } from './controls.js';

/** Epochs per second of each speed: a 500-epoch run takes 10 s at the fastest. */
const SPEEDS = [
  ['2', 'Slow: 2 epochs per second'],
  ['10', 'Normal: 10 epochs per second'],
  ['50', 'Fast: 50 epochs per second'],
];
const TICK_MS = 100;

/** The status sentences, whole, with their parameters (for translation). */
const SAY = {
  start: (E) => `Epoch 0 of ${E}: the start, before any training step. Play runs the ${E} epochs; the faint path is where they lead.`,
  at: (k, E) => `Epoch ${k} of ${E}.`,
  end: (E) => `Epoch ${E} of ${E}: the end of the run.`,
  stepAtEnd: (E) => `Step does nothing at epoch ${E} of ${E}, the last one: press Reset training to start again, or raise the epochs.`,
  replay: (E) => `Playing again from epoch 0 of ${E}.`,
};

/**
 * trainingPlayer({ state, draw }): `state` holds `epoch` and `epochs` (web/state.js); `draw()`
 * shows state.epoch. Returns { element, stop, playing, refresh, retrain } — refresh() rewrites the
 * status after the exercise changed the epoch or the epochs itself (a new run); retrain(patch, train)
 * applies a change of the run's settings.
 */
export function trainingPlayer({ state, draw }) {
  const wrap = document.createElement('div');
  wrap.className = 'buttons training-player';
  wrap.dataset.control = 'training';
  const status = document.createElement('p');
  status.className = 'player-status';
  status.dataset.live = 'player-status';
  status.setAttribute('aria-live', 'polite');
  let timer = null;
  let perSecond = 10;

  const last = () => state.get('epochs');
  const shown = () => Math.min(state.get('epoch'), last());
  const say = (text) => {
    status.textContent = text;
  };
  /** The status for the epoch on screen. */
  function refresh() {
    const k = shown();
    const E = last();
    say(k === 0 ? SAY.start(E) : k >= E ? SAY.end(E) : SAY.at(k, E));
  }
  const go = (epoch) => {
    state.set({ epoch });
    draw();
    refresh();
  };

  const play = button('▶ Play', () => (timer ? stop() : start()), 'Run the training epoch by epoch', 'play');
  play.setAttribute('aria-pressed', 'false');
  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = '▶ Play';
    play.setAttribute('aria-pressed', 'false');
  }
  function start() {
    if (shown() >= last()) {
      go(0); // at the end Play replays the run (it never does nothing)
      say(SAY.replay(last()));
    }
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-pressed', 'true');
    // At most 10 redraws a second; faster speeds advance several epochs per redraw.
    const interval = Math.max(TICK_MS, 1000 / perSecond);
    const stride = Math.max(1, Math.round((perSecond * interval) / 1000));
    timer = setInterval(() => {
      go(Math.min(last(), shown() + stride));
      if (shown() >= last()) stop();
    }, interval);
  }
  const step = button('Step', () => {
    stop();
    if (shown() >= last()) say(SAY.stepAtEnd(last()));
    else go(shown() + 1);
  }, 'One epoch', 'step');
  const end = button('To the end', () => { stop(); go(last()); }, 'Show the last epoch at once', 'to-end');
  const reset = button('Reset training', () => { stop(); go(0); }, 'Back to epoch 0', 'reset-training');
  const speed = select({
    label: 'Speed', options: SPEEDS, value: String(perSecond),
    onChange: (v) => {
      perSecond = Number(v);
      if (timer) { stop(); start(); }
    },
  });
  // The speed is how the learner watches, not what the exercise shows: links do not carry it.
  speed.element.dataset.view = 'true';
  wrap.append(play, step, end, reset, speed.element, status);
  refresh();
  /**
   * A change of the run's settings, then `train()`: a new w₀, rate, loss, optimizer or offset is a
   * new run, shown from epoch 0; new epochs keep the epoch shown (fewer only cut it).
   */
  function retrain(patch, train) {
    if (patch.epochs === undefined) {
      stop();
      state.set({ ...patch, epoch: 0 });
    } else state.set({ ...patch, epoch: Math.min(state.get('epoch'), patch.epochs) });
    train();
  }
  return { element: wrap, stop, playing: () => timer !== null, refresh, retrain };
}

/** A series' colour, faint: the whole run drawn behind the epochs played so far (a preview). */
export const faint = (color) => `color-mix(in srgb, ${color} 35%, transparent)`;
