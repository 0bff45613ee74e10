/*
 * The C reference of `npm run bench` (issue 6): the same GSS-API loops as bench/gss-loops.ts,
 * calling MIT's libgssapi_krb5 directly, against the realm the environment names (KRB5_CONFIG,
 * KRB5CCNAME, KRB5_KTNAME, ... as startMitRealm sets them).
 *
 *   gss-bench establish <iterations> <target>
 *   gss-bench wrap      <iterations> <target> <bytes>
 *   gss-bench mic       <iterations> <target> <bytes>
 *
 * <target> is a host-based service name such as host@localhost. The program runs a tenth of
 * the iterations untimed first, then prints "ops_per_second <rate>" on stdout; on failure it
 * prints the GSS-API status on stderr and exits with 1.
 *
 * Build: cc -O2 gss-bench.c -o gss-bench $(krb5-config --libs gssapi)
 */

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REQUESTED_FLAGS \
  (GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG | \
   GSS_C_INTEG_FLAG)

struct setup {
  gss_name_t target;
  gss_cred_id_t initiator_cred;
  gss_cred_id_t acceptor_cred;
};

static void show_status(OM_uint32 status, int type) {
  OM_uint32 minor, context = 0;
  gss_buffer_desc text;

  do {
    gss_display_status(&minor, status, type, GSS_C_NO_OID, &context, &text);
    fprintf(stderr, "  %.*s\n", (int)text.length, (const char *)text.value);
    gss_release_buffer(&minor, &text);
  } while (context != 0);
}

static void check(const char *call, OM_uint32 major, OM_uint32 minor) {
  if (!GSS_ERROR(major)) return;
  fprintf(stderr, "gss-bench: %s failed\n", call);
  show_status(major, GSS_C_GSS_CODE);
  show_status(minor, GSS_C_MECH_CODE);
  exit(1);
}

static double seconds_now(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* init, accept, init with mutual authentication; both contexts are deleted afterwards. */
static void establish(const struct setup *setup, gss_ctx_id_t *initiator, gss_ctx_id_t *acceptor) {
  OM_uint32 major, minor;
  gss_buffer_desc first = GSS_C_EMPTY_BUFFER, reply = GSS_C_EMPTY_BUFFER;
  gss_buffer_desc last = GSS_C_EMPTY_BUFFER;
  gss_name_t source = GSS_C_NO_NAME;

  *initiator = GSS_C_NO_CONTEXT;
  *acceptor = GSS_C_NO_CONTEXT;
  major = gss_init_sec_context(&minor, setup->initiator_cred, initiator, setup->target,
                               (gss_OID)gss_mech_krb5, REQUESTED_FLAGS, 0,
                               GSS_C_NO_CHANNEL_BINDINGS, GSS_C_NO_BUFFER, NULL, &first, NULL,
                               NULL);
  check("gss_init_sec_context", major, minor);
  major = gss_accept_sec_context(&minor, acceptor, setup->acceptor_cred, &first,
                                 GSS_C_NO_CHANNEL_BINDINGS, &source, NULL, &reply, NULL, NULL,
                                 NULL);
  check("gss_accept_sec_context", major, minor);
  major = gss_init_sec_context(&minor, setup->initiator_cred, initiator, setup->target,
                               (gss_OID)gss_mech_krb5, REQUESTED_FLAGS, 0,
                               GSS_C_NO_CHANNEL_BINDINGS, &reply, NULL, &last, NULL, NULL);
  check("gss_init_sec_context (reply)", major, minor);

  gss_release_buffer(&minor, &first);
  gss_release_buffer(&minor, &reply);
  gss_release_buffer(&minor, &last);
  gss_release_name(&minor, &source);
}

static void establish_once(const struct setup *setup) {
  OM_uint32 minor;
  gss_ctx_id_t initiator, acceptor;

  establish(setup, &initiator, &acceptor);
  gss_delete_sec_context(&minor, &initiator, GSS_C_NO_BUFFER);
  gss_delete_sec_context(&minor, &acceptor, GSS_C_NO_BUFFER);
}

static void wrap_once(gss_ctx_id_t initiator, gss_ctx_id_t acceptor, gss_buffer_t message) {
  OM_uint32 major, minor;
  gss_buffer_desc token = GSS_C_EMPTY_BUFFER, recovered = GSS_C_EMPTY_BUFFER;
  int encrypted = 0;

  major = gss_wrap(&minor, initiator, 1, GSS_C_QOP_DEFAULT, message, &encrypted, &token);
  check("gss_wrap", major, minor);
  major = gss_unwrap(&minor, acceptor, &token, &recovered, &encrypted, NULL);
  check("gss_unwrap", major, minor);
  gss_release_buffer(&minor, &token);
  gss_release_buffer(&minor, &recovered);
}

static void mic_once(gss_ctx_id_t initiator, gss_ctx_id_t acceptor, gss_buffer_t message) {
  OM_uint32 major, minor;
  gss_buffer_desc token = GSS_C_EMPTY_BUFFER;

  major = gss_get_mic(&minor, initiator, GSS_C_QOP_DEFAULT, message, &token);
  check("gss_get_mic", major, minor);
  major = gss_verify_mic(&minor, acceptor, message, &token, NULL);
  check("gss_verify_mic", major, minor);
  gss_release_buffer(&minor, &token);
}

static void usage(void) {
  fprintf(stderr, "usage: gss-bench establish|wrap|mic <iterations> <target> [bytes]\n");
  exit(2);
}

int main(int argc, char **argv) {
  OM_uint32 major, minor;
  struct setup setup;
  gss_buffer_desc name_text, message = GSS_C_EMPTY_BUFFER;
  gss_ctx_id_t initiator = GSS_C_NO_CONTEXT, acceptor = GSS_C_NO_CONTEXT;
  const char *scenario;
  long iterations, bytes = 0, warmup, i;
  double started, elapsed;

  if (argc < 4) usage();
  scenario = argv[1];
  iterations = strtol(argv[2], NULL, 10);
  if (iterations <= 0) usage();
  if (strcmp(scenario, "establish") != 0) {
    if (argc < 5) usage();
    bytes = strtol(argv[4], NULL, 10);
    if (bytes < 0) usage();
  }

  name_text.value = argv[3];
  name_text.length = strlen(argv[3]);
  major = gss_import_name(&minor, &name_text, GSS_C_NT_HOSTBASED_SERVICE, &setup.target);
  check("gss_import_name", major, minor);
  major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                           GSS_C_INITIATE, &setup.initiator_cred, NULL, NULL);
  check("gss_acquire_cred (initiate)", major, minor);
  major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                           GSS_C_ACCEPT, &setup.acceptor_cred, NULL, NULL);
  check("gss_acquire_cred (accept)", major, minor);

  if (strcmp(scenario, "establish") != 0) {
    establish(&setup, &initiator, &acceptor);
    message.length = (size_t)bytes;
    message.value = malloc(bytes > 0 ? (size_t)bytes : 1);
    if (message.value == NULL) return 1;
    memset(message.value, 7, message.length);
  }

  warmup = iterations / 10 > 0 ? iterations / 10 : 1;
  for (int timed = 0; timed < 2; timed++) {
    long count = timed ? iterations : warmup;

    started = seconds_now();
    if (strcmp(scenario, "establish") == 0) {
      for (i = 0; i < count; i++) establish_once(&setup);
    } else if (strcmp(scenario, "wrap") == 0) {
      for (i = 0; i < count; i++) wrap_once(initiator, acceptor, &message);
    } else if (strcmp(scenario, "mic") == 0) {
      for (i = 0; i < count; i++) mic_once(initiator, acceptor, &message);
    } else {
      usage();
    }
    elapsed = seconds_now() - started;
  }
  printf("ops_per_second %.3f\n", (double)iterations / elapsed);

  free(message.value);
  gss_delete_sec_context(&minor, &initiator, GSS_C_NO_BUFFER);
  gss_delete_sec_context(&minor, &acceptor, GSS_C_NO_BUFFER);
  gss_release_cred(&minor, &setup.initiator_cred);
  gss_release_cred(&minor, &setup.acceptor_cred);
  gss_release_name(&minor, &setup.target);
  return 0;
}
