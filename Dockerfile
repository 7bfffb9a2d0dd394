# motcua in a minimal image: one static binary, no shell, no libc.
#   docker build -t motcua .
# The build stage needs the Go image and the module proxy; the result needs
# nothing but the binary, the CA roots and a place for data.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/motcua ./cmd/motcua \
 && mkdir -p /out/data

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/motcua /motcua
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV MOTCUA_DATA_DIR=/data \
    MOTCUA_HTTP_ADDR=0.0.0.0:8080 \
    MOTCUA_LOG_FORMAT=json \
    USER=motcua
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s CMD ["/motcua", "probe", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/motcua"]
CMD ["serve"]
