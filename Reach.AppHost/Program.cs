Console.WriteLine("Reach.AppHost");
