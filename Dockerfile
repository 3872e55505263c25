# Builds and runs Tarjotin. docker-compose.yml uses it with a PostgreSQL 15 server and Mailpit.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY mappings mappings
COPY routes routes
RUN ./mvnw -B -q -DskipTests package && cp target/tarjotin-*.jar /tarjotin.jar

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --home /app tarjotin
# Voikko gives need inference and search Finnish lemmas and compound parts (else they fall back to stemming).
RUN apt-get update && apt-get install -y --no-install-recommends libvoikko1 voikko-fi && rm -rf /var/lib/apt/lists/*
COPY --from=build /tarjotin.jar /app/tarjotin.jar
# The jar holds the shipped routes and mappings. A file mounted into /app/mappings or /app/routes (the working
# directory's mappings/ and routes/) replaces the packaged file of the same name (README, "Editing a mapping").
USER tarjotin
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/tarjotin.jar"]
