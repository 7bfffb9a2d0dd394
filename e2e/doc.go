// Package e2e runs motcua as a province does, in containers: a Temporal
// server, an API and two workers on a private network, and injects the
// failures production meets (a worker killed, Temporal restarted, the API
// cut off from Temporal, payment callbacks repeated and out of order) to
// show that no dossier, payment or record is lost or duplicated. It also
// runs Temporal's own server on PostgreSQL, as production does.
//
// It is a module of its own so that the Docker client it needs stays out of
// motcua's. Run it with
//
//	cd e2e && go test ./...
//
// It builds its images from images/Dockerfile and a static motcua binary,
// pulling nothing. MOTCUA_E2E_IMAGES=official uses Temporal's published
// dev-server image and motcua's multi-stage Dockerfile instead, where a
// registry can be reached.
package e2e
