using System.Diagnostics;
using System.Net;
using Streams.Deployment.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.Deployment.Tests;

/// <summary>
/// No container engine runs here, so the Dockerfile's build stage is run as it is written: its RUN lines in a copy of
/// the build context .dockerignore leaves, with PUBLISH_DIR passed as `--build-arg` would; then the published host is
/// started the way the runtime stage's ENTRYPOINT starts it, on the settings file and secret variables the chart
/// renders, running every role the chart deploys against the local Kafka cluster the same output runs: start-up
/// validation accepts the chart's settings, and the host answers /healthz and /readyz.
/// </summary>
public sealed class DockerfileRecipeTests
{
    [Fact]
    public void Dockerfile_RuntimeStage_IsAspnetNonRootAndRunsThePublishedHost()
    {
        // Arrange, Act
        var dockerfile = Dockerfile.Parse(File.ReadAllText(Repository.PathOf("Dockerfile")));
        var build = dockerfile.Stage("build");
        var runtime = dockerfile.Stages[^1];

        // Assert
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build[0].Arguments, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", runtime[0].Arguments, StringComparison.Ordinal);
        var publishDir = build.Single(instruction => instruction is { Keyword: "ARG" } && instruction.Arguments.StartsWith("PUBLISH_DIR=", StringComparison.Ordinal)).Arguments["PUBLISH_DIR=".Length..];
        Assert.Contains(runtime, instruction => instruction.Keyword == "COPY" && instruction.Arguments.StartsWith($"--from=build {publishDir} ", StringComparison.Ordinal));
        var user = runtime.Last(instruction => instruction.Keyword == "USER").Arguments;
        Assert.True(user is not ("root" or "0") && int.TryParse(user, out var uid) && uid > 0, $"USER {user} is not a non-root uid.");
        // The chart runs the pods as this uid; a different one would fail runAsNonRoot checks or file permissions.
        Assert.Contains($"runAsUser: {user}", File.ReadAllText(Repository.PathOf("helm/streams/templates/deployments.yaml")), StringComparison.Ordinal);
        Assert.Equal(["dotnet", "streams-host.dll"], Dockerfile.ExecForm(runtime.Single(instruction => instruction.Keyword == "ENTRYPOINT")));
    }

    [Fact]
    public async Task Dockerfile_BuildStage_PublishesAHostThatRunsEveryRoleOnTheChartsSettings()
    {
        // Arrange
        var dockerfile = Dockerfile.Parse(await File.ReadAllTextAsync(Repository.PathOf("Dockerfile")));
        var build = dockerfile.Stage("build");
        var entrypoint = Dockerfile.ExecForm(dockerfile.Stages[^1].Single(instruction => instruction.Keyword == "ENTRYPOINT"));
        var work = Path.Combine(Path.GetTempPath(), $"streams-image-{Guid.NewGuid():N}");
        var context = Path.Combine(work, "src");
        var publish = Path.Combine(work, "publish");
        try
        {
            // WORKDIR /src then `COPY . .`: the commands run in the context's copy.
            Assert.Contains(build, instruction => instruction is { Keyword: "COPY", Arguments: ". ." });
            BuildContext.CopyTo(context);
            var runs = build.Where(instruction => instruction.Keyword == "RUN").ToList();
            Assert.NotEmpty(runs);

            // Act
            foreach (var run in runs)
            {
                var result = await Command.RunAsync("bash", ["-ec", run.Arguments], context, TimeSpan.FromMinutes(9), new Dictionary<string, string> { ["PUBLISH_DIR"] = publish });
                Assert.True(result.ExitCode == 0, $"RUN {run.Arguments}\n{result}");
            }

            // The chart's settings, where its ConfigMap mounts them (/app/appsettings.Production.json), and its
            // Secret's variables; only what names the cluster's network is overridden, as the command line beats both.
            var chart = await Helm.TemplateAsync();
            await File.WriteAllTextAsync(Path.Combine(publish, "appsettings.Production.json"), chart.Get("ConfigMap", "streams-config").Scalar("data", "appsettings.Production.json"));
            var secretVariables = (chart.Get("Secret", "streams-secrets").Node("stringData") as YamlMappingNode)!.Children
                .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!, StringComparer.Ordinal);
            var stateFile = Path.Combine(work, "dev-cluster.json");
            await using var cluster = PublishedHost.Start(publish, entrypoint, ["dev-cluster", $"--Streams:DevCluster:StateFile={stateFile}"], new Dictionary<string, string>());
            var bootstrap = await cluster.WaitForLineAsync("bootstrap.servers=", TimeSpan.FromSeconds(60));
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            await using var host = PublishedHost.Start(publish, entrypoint,
            [
                "--roles", string.Join(',', ChartRoles.All),
                $"--Streams:Kafka:BootstrapServers={bootstrap}",
                $"--Streams:Ingest:Url={url}",
                $"--Streams:SchemaRegistry:Url={url}",
            ], secretVariables);
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            var health = await host.PollAsync(http, "/healthz", TimeSpan.FromSeconds(60));
            var readiness = await host.PollAsync(http, "/readyz", TimeSpan.FromSeconds(60));
            // The SRE page ships inside the published assemblies (services/Ui embeds wwwroot/).
            using var page = await http.GetAsync(new Uri("/ui/vendor/uplot/uPlot.esm.js", UriKind.Relative));

            // Assert
            Assert.Equal(HttpStatusCode.OK, health);
            Assert.Equal(HttpStatusCode.OK, readiness);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The published host as ENTRYPOINT starts it: its working directory the publish folder (WORKDIR /app).</summary>
    private sealed class PublishedHost : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private PublishedHost(Process process) => _process = process;

        public static PublishedHost Start(string publish, IReadOnlyList<string> entrypoint, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo(entrypoint[0])
            {
                WorkingDirectory = publish,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in entrypoint.Skip(1).Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            // As in the image (ENV DOTNET_ENVIRONMENT=Production): no development settings file is read.
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var host = new PublishedHost(Process.Start(start) ?? throw new InvalidOperationException("streams-host did not start."));
            host._process.OutputDataReceived += (_, line) => host.Add(line.Data);
            host._process.ErrorDataReceived += (_, line) => host.Add(line.Data);
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            return host;
        }

        /// <summary>The rest of the first output line that starts with <paramref name="prefix"/>.</summary>
        public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (_lines)
                {
                    if (_lines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) is { } found)
                    {
                        return found[prefix.Length..];
                    }
                }

                Assert.False(_process.HasExited, "The process stopped:\n" + Output());
                await Task.Delay(100);
            }

            throw new TimeoutException($"No line starting '{prefix}' within {timeout}:\n{Output()}");
        }

        /// <summary>GETs <paramref name="path"/> until it answers 200 or the deadline passes; the last status.</summary>
        public async Task<HttpStatusCode> PollAsync(HttpClient http, string path, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            var last = (HttpStatusCode)0;
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(_process.HasExited, "The host stopped:\n" + Output());
                try
                {
                    using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                    last = response.StatusCode;
                    if (last == HttpStatusCode.OK)
                    {
                        return last;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            Assert.Fail($"{path} answered {last} until the deadline:\n{Output()}");
            return last;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }

        private string Output()
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.TakeLast(60));
            }
        }
    }
}
