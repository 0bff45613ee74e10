import { describe, expect, it } from 'vitest';
import { OperationUnavailableError } from '../../src/spec/errors.js';
import {
  EXTENSION_FUNCTIONS,
  EXTENSIONS,
  type Extension,
  type ExtensionFunctionName,
} from '../../src/spec/extensions.js';
import { CORE_FUNCTIONS, type GssApi } from '../../src/spec/gss-api.js';
import { handleKind, type SecurityContext } from '../../src/spec/handles.js';
import { OID } from '../../src/spec/oid.js';
import { GSS_S_UNAVAILABLE } from '../../src/spec/status.js';
import { completeGssApi, type GssApiImplementation } from '../../src/spec/unavailable-api.js';

const KRB5 = OID.fromDotted('1.2.840.113554.1.2.2');
const CONTEXT: SecurityContext = { backend: 'test', [handleKind]: 'context' };

function notCalled(): never {
  throw new Error('this stub should not be called');
}

/** An implementation with every core function (stubs) and `extra` on top. */
function implementation(extra: GssApiImplementation = {}): GssApiImplementation {
  const core: GssApiImplementation = Object.fromEntries(
    CORE_FUNCTIONS.map((name) => [name, notCalled]),
  );
  return { ...core, ...extra };
}

/** The functions of these extensions, as stubs. */
function stubsFor(...extensions: Extension[]): GssApiImplementation {
  return Object.fromEntries(
    extensions.flatMap((extension) =>
      EXTENSION_FUNCTIONS[extension].map((name) => [name, notCalled]),
    ),
  );
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Calls `api[name]` with no arguments, as a caller that trusts the type would not. */
function callBare(api: GssApi, name: ExtensionFunctionName): unknown {
  return thrown(() => Reflect.apply(api[name], api, []));
}

const ALL_EXTENSION_FUNCTIONS = EXTENSIONS.flatMap((extension) => EXTENSION_FUNCTIONS[extension]);

describe('completeGssApi', () => {
  it('gives a backend with no extensions every extension function, each unavailable', () => {
    const api = completeGssApi('test', implementation(), []);

    for (const name of ALL_EXTENSION_FUNCTIONS) {
      const error = callBare(api, name);
      expect(error, name).toBeInstanceOf(OperationUnavailableError);
      expect(error, name).toMatchObject({
        major: GSS_S_UNAVAILABLE,
        minor: 0,
        operation: name,
        code: 'UNAVAILABLE',
      });
    }
  });

  it('says GSS_S_UNAVAILABLE in the message, as gss_display_status does', () => {
    const api = completeGssApi('test', implementation(), []);

    expect(callBare(api, 'wrapIov')).toMatchObject({
      message:
        'wrapIov: Major (1048576): The operation or option is not available or unsupported, ' +
        'Minor (0): Unknown error',
    });
  });

  it('answers has() for every extension name: false when not declared', () => {
    const api = completeGssApi('test', implementation(), []);

    for (const extension of EXTENSIONS) expect(api.has(extension), extension).toBe(false);
  });

  it('answers has() true exactly for the declared extensions', () => {
    const api = completeGssApi('test', implementation(stubsFor('dce', 'krb5')), ['dce', 'krb5']);

    for (const extension of EXTENSIONS) {
      expect(api.has(extension), extension).toBe(extension === 'dce' || extension === 'krb5');
    }
  });

  it('calls the implementation for core and declared functions, bound to it', () => {
    class Backend {
      readonly #mechs = [KRB5];
      indicateMechs(): readonly OID[] {
        return this.#mechs;
      }
      krb5GetTktFlags(): number {
        return this.#mechs.length;
      }
    }
    const { indicateMechs: _a, krb5GetTktFlags: _b, ...rest } = implementation(stubsFor('krb5'));
    const api = completeGssApi('test', Object.assign(new Backend(), rest), ['krb5']);
    const { indicateMechs } = api;

    expect(api.indicateMechs()).toEqual([KRB5]);
    expect(indicateMechs()).toEqual([KRB5]);
    expect(api.krb5GetTktFlags(CONTEXT)).toBe(1);
  });

  it('ignores the functions of an extension that was not declared', () => {
    let called = false;
    const api = completeGssApi(
      'test',
      implementation({
        ...stubsFor('ggf'),
        inquireCredByOid: () => {
          called = true;
          return [];
        },
      }),
      [],
    );

    expect(callBare(api, 'inquireCredByOid')).toBeInstanceOf(OperationUnavailableError);
    expect(called).toBe(false);
  });

  it('accepts an extension with no functions, and repeated declarations', () => {
    const api = completeGssApi('test', implementation(), ['rfc6680CompOid', 'rfc6680CompOid']);

    expect(api.has('rfc6680CompOid')).toBe(true);
    expect(api.has('rfc6680')).toBe(false);
  });

  it('has a function for every name of the API, its backend name, and is frozen', () => {
    const api = completeGssApi('test', implementation(), []);

    for (const name of [...CORE_FUNCTIONS, ...ALL_EXTENSION_FUNCTIONS]) {
      expect(typeof api[name], name).toBe('function');
    }
    expect(api.backend).toBe('test');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('refuses a backend that lacks a core function', () => {
    const { wrap: _wrap, unwrap: _unwrap, ...partial } = implementation();

    expect(() => completeGssApi('test', partial, [])).toThrow(
      new TypeError("completeGssApi: backend 'test' lacks core functions: wrap, unwrap"),
    );
  });

  it('refuses a declared extension whose functions are not all implemented', () => {
    const { wrapIovLength: _missing, ...dce } = stubsFor('dce');

    expect(() => completeGssApi('test', implementation(dce), ['dce'])).toThrow(
      new TypeError(
        "completeGssApi: backend 'test' declares extensions without their functions: " +
          'wrapIovLength (dce)',
      ),
    );
  });

  it('refuses an unknown extension name when declared, and in has()', () => {
    const api = completeGssApi('test', implementation(), []);
    // The names below are deliberately not extensions: the casts stand for an untyped caller.
    const unknown = 'rfc9999' as Extension;

    expect(() => completeGssApi('test', implementation(), [unknown])).toThrow(
      new TypeError("completeGssApi: unknown extension 'rfc9999'"),
    );
    expect(() => api.has(unknown)).toThrow(
      new TypeError("has: expected an extension name, got 'rfc9999'"),
    );
  });

  it('refuses an empty backend name', () => {
    expect(() => completeGssApi('', implementation(), [])).toThrow(TypeError);
  });
});
