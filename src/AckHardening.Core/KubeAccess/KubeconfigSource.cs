using System.Text;
using AckHardening.Core.Errors;
using k8s;
using k8s.Exceptions;

namespace AckHardening.Core.KubeAccess;

/// <summary>
/// Where the credentials for one cluster's API server come from: a kubeconfig file (plus an optional context), or a
/// kubeconfig document held in memory, e.g. the <c>config</c> string of CS DescribeClusterUserKubeconfig. In-memory
/// documents are parsed from a stream and never written to disk. <see cref="ToString"/> shows only the description:
/// the document embeds client keys and must not reach a log.
/// </summary>
public sealed class KubeconfigSource
{
    private readonly string? _path;
    private readonly string? _document;

    private KubeconfigSource(string? path, string? document, string? context, string description)
    {
        _path = path;
        _document = document;
        Context = string.IsNullOrWhiteSpace(context) ? null : context;
        Description = description;
    }

    /// <summary>The context to use; null means the file's current-context.</summary>
    public string? Context { get; }

    /// <summary>Safe to show: the file path, or the description given for an in-memory document.</summary>
    public string Description { get; }

    public bool IsInMemory => _document is not null;

    public static KubeconfigSource FromFile(string path, string? context = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A kubeconfig path is required.", nameof(path));
        var full = Path.GetFullPath(Environment.ExpandEnvironmentVariables(path.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/', '\\'))
            : path));
        return new KubeconfigSource(full, null, context, "kubeconfig file " + full);
    }

    /// <summary>The KUBECONFIG variable's first entry, else ~/.kube/config, as kubectl resolves it.</summary>
    public static KubeconfigSource Default(string? context = null)
    {
        var fromEnv = Environment.GetEnvironmentVariable("KUBECONFIG")?
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return FromFile(fromEnv ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"), context);
    }

    /// <param name="kubeconfigYaml">The kubeconfig document (YAML or JSON).</param>
    /// <param name="description">What to call it in messages, e.g. "kubeconfig of cluster c5b1… from CS".</param>
    public static KubeconfigSource FromYaml(string kubeconfigYaml, string? context = null, string description = "in-memory kubeconfig")
    {
        if (string.IsNullOrWhiteSpace(kubeconfigYaml)) throw new ArgumentException("The kubeconfig document is empty.", nameof(kubeconfigYaml));
        return new KubeconfigSource(null, kubeconfigYaml, context, description);
    }

    /// <summary>
    /// Parses the kubeconfig into a client configuration and checks the server address: https anywhere, plain http
    /// only on loopback (the sandbox), the same rule as every other endpoint of the module.
    /// </summary>
    public KubernetesClientConfiguration BuildConfiguration()
    {
        KubernetesClientConfiguration config;
        try
        {
            if (_document is not null)
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(_document), writable: false);
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream, Context);
            }
            else
            {
                if (!File.Exists(_path)) throw new AckException(KubernetesErrors.KubeconfigInvalid, AckErrorKind.ObjectNotFound, $"The {Description} does not exist.", _path);
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(_path, Context);
            }
        }
        catch (AckException) { throw; }
        catch (KubeConfigException e)
        {
            throw new AckException(KubernetesErrors.KubeconfigInvalid, AckErrorKind.InvalidData, $"The {Description} cannot be used: {e.Message}", Description, e);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or FormatException or ArgumentException or InvalidOperationException or IOException or NullReferenceException)
        {
            // Parser messages can quote the offending text, which may be key material: keep only the type.
            throw new AckException(KubernetesErrors.KubeconfigInvalid, AckErrorKind.InvalidData, $"The {Description} is not a valid kubeconfig ({e.GetType().Name}).", Description);
        }

        if (!Uri.TryCreate(config.Host, UriKind.Absolute, out var server))
            throw new AckException(KubernetesErrors.KubeconfigInvalid, AckErrorKind.InvalidData, $"The {Description} has no valid cluster server address.", Description);
        try
        {
            EndpointPolicy.Validate(server);
        }
        catch (ArgumentException e)
        {
            throw new AckException(KubernetesErrors.EndpointRefused, AckErrorKind.InvalidArgument, e.Message, server);
        }
        return config;
    }

    public override string ToString() => Context is null ? Description : $"{Description} (context {Context})";
}
