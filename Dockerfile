# syntax=docker/dockerfile:1
# One image, streams-host, for every role: each Deployment picks its own with `--roles` (helm/streams does).
# tests/Streams.Deployment.Tests/DockerfileRecipeTests.cs runs this build stage's RUN lines on the build context
# .dockerignore leaves, then starts the published host the way ENTRYPOINT does, so the recipe cannot rot unnoticed
# where no container engine runs.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
ARG PUBLISH_DIR=/app/publish
# Portable (framework-dependent, no RID): the runtime image brings .NET, and librdkafka.redist's native libraries
# ship under runtimes/, where the Kafka client picks the one for the platform.
RUN dotnet publish services/Host/Streams.Host.csproj -c Release -o "$PUBLISH_DIR" -p:UseAppHost=false -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# Production settings come from appsettings.Production.json, which the chart mounts from its ConfigMap.
ENV DOTNET_ENVIRONMENT=Production
# Nothing is written outside /tmp (an emptyDir in the chart), so the root filesystem can be read-only.
ENV TMPDIR=/tmp
EXPOSE 8080
# The image's unprivileged `app` user (uid 1654); the chart's runAsUser matches it.
USER 1654
ENTRYPOINT ["dotnet", "streams-host.dll"]
