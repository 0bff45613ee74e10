/**
 * The API's rules as xstate v5 machines, with the pure functions that the hot paths use
 * instead of an actor. Every machine and prediction follows MIT krb5 1.20 with its krb5
 * mechanism; the conformance suite walks the machines against each backend.
 *
 * - {@link contextMachine}: a security context handle, initiator or acceptor, with
 *   {@link predictContextCall} and {@link krb5Legs};
 * - {@link sequenceMachine}: the per-message receive window, with {@link checkSequence};
 * - {@link nameMachine}: a name handle, mechanism names and RFC 6680 attributes;
 * - {@link iovMachine}: IOV buffer layouts, with {@link checkIovLayout}.
 *
 * @module
 */

export {
  type AcceptSecContextEvent,
  type ContextCallEvent,
  type ContextEvent,
  type ContextMachineContext,
  type ContextPrediction,
  contextMachine,
  type EndtimePassesEvent,
  type ImportSecContextEvent,
  type InitSecContextEvent,
  type InputTokenKind,
} from './context.js';
export {
  type CallOutcome,
  CONTEXT_CALL_OUTCOMES,
  CONTEXT_CALLS,
  type ContextCall,
  type ContextStateName,
  predictContextCall,
} from './context-calls.js';
export {
  asksDceStyle,
  asksMutual,
  type ContextRole,
  type EstablishmentStep,
  krb5AcceptorFlags,
  krb5InitiatorFlags,
  krb5Legs,
} from './context-flags.js';
export {
  checkIovLayout,
  IOV_OPERATIONS,
  IOV_REJECTIONS,
  type IovLayoutOptions,
  type IovLayoutVerdict,
  type IovOperation,
} from './iov.js';
export {
  type IovBufferEvent,
  type IovEndEvent,
  type IovMachineContext,
  type IovMachineInput,
  type IovSlot,
  type IovSlotName,
  iovMachine,
} from './iov-machine.js';
export {
  type AcceptedNameEvent,
  type ImportNameEvent,
  NAME_CALLS,
  type NameAttributeEvent,
  type NameAttributeKind,
  type NameAuthdata,
  type NameCallEvent,
  type NameEvent,
  type NameMachineContext,
  nameMachine,
} from './name.js';
export { type MinorName, type Prediction, predict } from './prediction.js';
export {
  checkSequence,
  checkSequenceWords,
  createSequenceState,
  type SequenceOptions,
  type SequenceState,
} from './sequence.js';
export {
  SEQUENCE_WINDOW_SIZE,
  type SequenceMachine,
  type SequenceMachineContext,
  type SequenceMachineInput,
  type SequenceReceiveEvent,
  sequenceMachine,
} from './sequence-machine.js';
