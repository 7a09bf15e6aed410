# Build stage: Maven on JDK 17 builds the shaded jar.
# Exact tags (no digests: they cannot be looked up from the build machines); bump them deliberately.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
# -Dcds.skip: the class-data archive must come from the JVM that runs the jar, so the run stage trains its own.
RUN mvn -B -q package -DskipTests -Dcds.skip

# Run stage: a JRE 17, a non-root user, the data directory as a volume.
FROM eclipse-temurin:17.0.15_6-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin orderflow \
 && mkdir -p /data \
 && chown orderflow /data
WORKDIR /app
COPY --from=build /src/target/orderflow.jar /app/orderflow.jar
# The training run for class-data sharing (README, "Starting fast"): start once with embedded defaults on
# free ports, stop when ready, and keep the classes the JVM loaded in /app/orderflow.jsa for every start.
RUN ORDERFLOW_DATA_DIR=/tmp/cds-training ORDERFLOW_HTTP_HOST=127.0.0.1 ORDERFLOW_HTTP_PORT=0 \
      ORDERFLOW_PAYMENT_PROVIDER_PORT=0 ORDERFLOW_KAFKA_EMBEDDED_PORT=0 \
      java -XX:MaxRAMPercentage=75 -XX:ArchiveClassesAtExit=/app/orderflow.jsa -jar /app/orderflow.jar --stop-when-ready \
      >/tmp/cds-training.log 2>&1 \
 && rm -rf /tmp/cds-training /tmp/cds-training.log
ENV ORDERFLOW_DATA_DIR=/data \
    ORDERFLOW_HTTP_HOST=0.0.0.0 \
    ORDERFLOW_HTTP_PORT=8080
VOLUME ["/data"]
# 8080: the gateway (HTTP API, health). The embedded Kafka binds 127.0.0.1 inside the container.
# 8081 is not exposed: the payment provider stand-in moves money, binds 127.0.0.1 and is called only
# by payments in the same process; nothing outside the container has any business with it.
EXPOSE 8080
USER orderflow
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready >/dev/null || exit 1
# exec form: the JVM is PID 1 and receives SIGTERM from `docker stop`, which drains and exits 0.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/orderflow.jsa", "-XX:-DontCompileHugeMethods", "-jar", "/app/orderflow.jar"]
