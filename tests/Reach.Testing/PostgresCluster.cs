namespace Reach.Testing;
