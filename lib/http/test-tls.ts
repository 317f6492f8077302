/**
 * A self-signed certificate for 127.0.0.1 and localhost (valid until 2125), for tests of
 * "reject unauthorized TLS". Made with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
 * -nodes -days 36500 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1". Not a secret.
 */
export const selfSignedTls = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCUQ2tJdcbzCUI1Qu
jxfWPUT4xjmDjmBedhwo4LGaZoihRANCAAQSVZyVCI4cqEiU5MYDyXlrF1DRw7jR
VGvVs+vHYaGy1zHltbqfNt8bt4y5UnabvG8rdEFz+MkFvz+Pyd9QNncA
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUALZitoErSOxAPQhY3RZTjxJteagwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMzA0Mjc1NFoYDzIxMjYxMDMw
MDQyNzU0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQSVZyVCI4cqEiU5MYDyXlrF1DRw7jRVGvVs+vHYaGy1zHltbqfNt8b
t4y5UnabvG8rdEFz+MkFvz+Pyd9QNncAo28wbTAdBgNVHQ4EFgQUsdMR/DbzKvAL
xCAM4WiS5fqOjwgwHwYDVR0jBBgwFoAUsdMR/DbzKvALxCAM4WiS5fqOjwgwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhAPDYpTW/QmBobKnTgKlB35QzD38XFnrVLXITqqy0dhfGAiEA
qO3RLaNrZcEAnMWtREhvTXbtdLUZtjLi/Uw29GSJuHo=
-----END CERTIFICATE-----
`,
};
