Console.WriteLine("Reach.Bench");
