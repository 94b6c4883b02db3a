using System.Net;
using System.Net.Sockets;

namespace Reach.AppHost.Tests.Infrastructure;

/// <summary>Free loopback ports, so a test run never collides with a developer's AppHost on 18888/18890/5080/54329.</summary>
public static class FreePorts
{
    /// <summary>A port nothing listens on now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
