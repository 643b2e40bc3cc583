// The player of the training exercises (leave-one-out, lenrek, after-square, per-coordinate): one
// start state (epoch 0, before any step), Play / Pause, Step, "To the end", "Reset training", a
// speed, and a status line that says what each press did or why it did nothing. The exercise owns
// the run and draws epoch `state.epoch` of it; the player only moves that epoch.
import { button, select } from './controls.js';
import { t } from './i18n.js';

/** Epochs per second of each speed (a 500-epoch run takes 10 s at the fastest), with its words. */
const SPEEDS = () => [
  ['2', t('player.speedSlow')],
  ['10', t('player.speedNormal')],
  ['50', t('player.speedFast')],
];
const TICK_MS = 100;

/** The status sentences, whole messages of the 'player' catalog with their parameters. */
const SAY = {
  start: (E) => t('player.start', { epochs: E }),
  at: (k, E) => t('player.at', { epoch: k, epochs: E }),
  end: (E) => t('player.end', { epochs: E }),
  stepAtEnd: (E) => t('player.stepAtEnd', { epochs: E }),
  replay: (E) => t('player.replay', { epochs: E }),
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

  // Names (data-control) are those of the English labels, so that links and tests work in every language.
  const play = button(t('player.play'), () => (timer ? stop() : start()), t('player.playTitle'), 'play', 'play');
  play.setAttribute('aria-pressed', 'false');
  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = t('player.play');
    play.setAttribute('aria-pressed', 'false');
  }
  function start() {
    if (shown() >= last()) {
      go(0); // at the end Play replays the run (it never does nothing)
      say(SAY.replay(last()));
    }
    play.textContent = t('player.pause');
    play.setAttribute('aria-pressed', 'true');
    // At most 10 redraws a second; faster speeds advance several epochs per redraw.
    const interval = Math.max(TICK_MS, 1000 / perSecond);
    const stride = Math.max(1, Math.round((perSecond * interval) / 1000));
    timer = setInterval(() => {
      go(Math.min(last(), shown() + stride));
      if (shown() >= last()) stop();
    }, interval);
  }
  const step = button(t('player.step'), () => {
    stop();
    if (shown() >= last()) say(SAY.stepAtEnd(last()));
    else go(shown() + 1);
  }, t('player.stepTitle'), 'step', 'step');
  const end = button(t('player.toEnd'), () => { stop(); go(last()); }, t('player.toEndTitle'), 'to-end', 'to-the-end');
  const reset = button(t('player.reset'), () => { stop(); go(0); }, t('player.resetTitle'), 'reset-training', 'reset-training');
  const speed = select({
    name: 'speed', label: t('player.speed'), options: SPEEDS(), value: String(perSecond),
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
