/**
 * The one error type of the API. `parameter` names the offending option (e.g. "width"), and the
 * message says what was received and what is accepted. The lab stays usable after any LabError.
 */
export class LabError extends Error {
  constructor(message, parameter = undefined) {
    super(message);
    this.name = 'LabError';
    this.parameter = parameter;
  }
}
