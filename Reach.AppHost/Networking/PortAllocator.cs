using System.Net;
using System.Net.Sockets;

namespace Reach.AppHost.Networking;

/// <summary>Finds free loopback ports, never handing out the same one twice in a run.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _lock = new();

    /// <summary>Whether nothing listens on <paramref name="port"/> on the loopback addresses (IPv4 and, when available, IPv6).</summary>
    public static bool IsFree(int port)
    {
        if (port is <= 0 or > 65535)
        {
            return false;
        }

        return CanBind(IPAddress.Loopback, port) && (!Socket.OSSupportsIPv6 || CanBind(IPAddress.IPv6Loopback, port, ignoreUnavailable: true));
    }

    /// <summary><paramref name="preferred"/> when it is free (and not already handed out), else a free port chosen by the OS.</summary>
    public int Allocate(int? preferred = null)
    {
        lock (_lock)
        {
            if (preferred is { } p && !_handedOut.Contains(p) && IsFree(p))
            {
                _handedOut.Add(p);
                return p;
            }

            for (var attempt = 0; attempt < 20; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (_handedOut.Add(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException("No free port was found on 127.0.0.1.");
        }
    }

    /// <summary>Makes <paramref name="port"/> available again (its owner stopped; a restart may take it back).</summary>
    public void Release(int port)
    {
        lock (_lock)
        {
            _handedOut.Remove(port);
        }
    }

    private static bool CanBind(IPAddress address, int port, bool ignoreUnavailable = false)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (!OperatingSystem.IsWindows())
            {
                // As servers do: a port left in TIME_WAIT by a stopped server is free to listen on.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException e) when (ignoreUnavailable && e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
        {
            return true;
        }
    }
}
