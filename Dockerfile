# An image with jfio's bundle, for the distributed recipes (examples/distributed/k8s-indexed-job.yaml).
# Build the bundle first, then the image from the checkout's root:
#
#   mvn -B -q -DskipTests install        # makes engines/target/jfio.jar
#   docker build -t jfio .
#   docker run --rm jfio                 # jfio --version
#   docker run --rm jfio /opt/jfio/jfio examples/distributed/nbd.fio --uri=nbd://server/ --runtime=10
#
# Debian's OpenJDK 17 JRE (jfio needs Java 17 or later); the ./jfio launcher runs the bundle at
# engines/target/jfio.jar next to it, and records the class archive it starts from while the image
# is built, so the pods start quickly.
FROM debian:bookworm-slim

RUN apt-get update -q \
    && apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/jfio
COPY jfio ./jfio
COPY engines/target/jfio.jar ./engines/target/jfio.jar
COPY engines/src/cds/training.fio ./engines/src/cds/training.fio
COPY examples/distributed/ ./examples/distributed/
RUN ./jfio --version

CMD ["./jfio", "--version"]
