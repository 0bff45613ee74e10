/**
 * Run by model-aborts.test.ts in a child process, with the parent's MIT realm in its
 * environment: brings a MIT context to the state a machine transition starts from, then makes
 * the call the machine predicts MIT dies on. `control` stops just before that call, so that
 * the test knows the setup itself works. Not a test file: it only runs as a child.
 */
import { createNativeGssApi } from '../../src/backends/native/gss-api.js';
import { IOVBufferType, RequirementFlag } from '../../src/spec/flags.js';
import { IOV } from '../../src/spec/iov.js';
import { ExtensionOid, NameType } from '../../src/spec/oids.js';

const [mode, variant] = process.argv.slice(2);
const gss = createNativeGssApi();
const target = gss.importName('host@localhost', { nameType: NameType.hostbasedService });
const first = gss.initSecContext(target, { flags: RequirementFlag.mutualAuthentication });
const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0));
gss.initSecContext(target, { context: first.context, inputToken: accepted.token });

if (mode === 'husk-inquire-by-oid') {
  // initSecContext on an established context: FAILURE, and the mechanism deletes its context,
  // leaving the handle a husk (the machine's `failed` state).
  try {
    gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
  } catch {
    // Expected: GSS_S_FAILURE with KG_CONTEXT_ESTABLISHED.
  }
  if (variant !== 'control')
    gss.inquireSecContextByOid(first.context, ExtensionOid.inqSspiSessionKey);
} else if (mode === 'verify-mic-iov-stream') {
  const message = new TextEncoder().encode('message');
  const token = gss.getMic(first.context, message);
  const iov = new IOV(
    [
      [IOVBufferType.stream, false, token],
      [IOVBufferType.data, false, message],
    ],
    { stdLayout: false },
  );
  if (variant !== 'control') gss.verifyMicIov(accepted.context, iov);
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
process.stdout.write('survived\n');
