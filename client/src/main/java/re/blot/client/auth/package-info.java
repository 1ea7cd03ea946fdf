/**
 * OAuth2 for the client: the token endpoint's three grants, the credentials store, and the single
 * place where an expired access token is refreshed and the request replayed. An implementation
 * detail of {@link re.blot.client.Blotre}.
 */
package re.blot.client.auth;
