using AckHardening.Core;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;

namespace AckHardening.PowerShell.Infrastructure;

// Seams between the cmdlets and the Core implementations of the transport and the credential chain.
// The transport/credentials work replaces these bodies with the real implementations.

internal static class TransportFactory
{
    public static IApiTransport Create(AckSession session, IAckLog log) =>
        throw new AckException("AckTransportUnavailable", AckErrorKind.NotImplemented, "The HTTP transport is not built yet.");
}

internal static class DefaultSessionFactory
{
    public static AckSession Create(IAckLog log) =>
        throw new AckException("AckNoCredentials", AckErrorKind.AuthenticationError, "No credentials: run Connect-AckAccount.");
}
