using System.Net;
using System.Net.Sockets;

namespace Reach.Bench.Infrastructure;

/// <summary>Free loopback TCP ports for child services.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now (the OS picks it; another process could take it before the child binds it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
