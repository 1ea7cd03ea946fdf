/**
 * Disposable apps: first-run authorization for command-line tools and services, and keeping their
 * client and credentials on disk.
 *
 * <p>{@link re.blot.client.disposable.DisposableApp} is the entry point: it returns an authorized
 * {@link re.blot.client.Blotre} client, from the credentials file or after showing the user a code
 * through a {@link re.blot.client.disposable.UserChannel} (see {@link
 * re.blot.client.disposable.UserChannels}: the terminal or the log).
 *
 * <p>{@link re.blot.client.disposable.CredentialsFile} is the file's content, in the layout of the
 * Python client's {@code NAME.client_data.json}; {@link re.blot.client.disposable.CredentialStore}
 * loads and saves it atomically, privately (mode {@code 0600}) and under a lock shared by processes
 * and threads; {@link re.blot.client.disposable.CredentialFileException} reports a file that cannot
 * be used.
 *
 * <p>Typical use, refreshing a token so that no other process can use the old refresh token in
 * between, and saving the new one before it is used:
 *
 * <pre>{@code
 * CredentialStore store = CredentialStore.at(Path.of("Plant're.client_data.json"));
 * CredentialsFile saved = store.update(current -> {
 *   CredentialsFile file = current.orElseThrow();
 *   return file.withCreds(refresh(file.client(), file.creds().orElseThrow()));
 * });
 * }</pre>
 */
package re.blot.client.disposable;
