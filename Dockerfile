# One image recipe for every deployable (api-gateway, otp-worker, verifier, plivo-sandbox), chosen with the
# MODULE and PORT build arguments (docker-compose.yml sets both per service).
# The image holds the Boot executable jar that `./mvnw -B package -DskipTests` writes to <module>/target/,
# unpacked into layers (dependencies change rarely, the application on every build) so that a new version pulls
# only its last layer. See docs/operations.md.
FROM eclipse-temurin:25.0.3_9-jre-noble AS layers
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25.0.3_9-jre-noble
ARG PORT
RUN groupadd --system voiceotp && useradd --system --gid voiceotp --no-create-home voiceotp
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY jvm/compiler-directives.json ./jvm/
USER voiceotp
EXPOSE ${PORT}
# heap from the container's memory limit; a JVM out of memory exits so that Docker restarts it; the first metaspace
# collection at 40 MB, above what a service's classes take (at the default, about 21 MB, the gateway and the worker
# collected in their first minutes of load and freed almost nothing; a full collection under the serial collector,
# which a container under 1.8 GB gets); the two flags keep Kafka's and Netty's native access quiet on
# JDK 25; the compiler directives keep C2's first minute on the request paths (jvm/compiler-directives.json says why).
# Extra options: JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-XX:MetaspaceSize=40m", \
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", \
    "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=jvm/compiler-directives.json", \
    "org.springframework.boot.loader.launch.JarLauncher"]
