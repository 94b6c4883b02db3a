using System.Net;
using Reach.Web.Components.Pages;
using Reach.Web.Crm;

namespace Reach.Web.Tests.Components;

/// <summary>The customers list and a customer's page in each state.</summary>
public sealed class CustomersPagesTests
{
    private static CustomerListItem Customer(long id) =>
        new(id, $"ext-{id}", $"Asha {id}", $"asha{id}@example.com", "+919900000000", "Mumbai", "India", 3, 4500.5m, Samples.Now, false);

    [Fact]
    public async Task Customers_list_states_and_the_upload_needs_an_admin()
    {
        var crm = new FakeCrmClient();
        await using (var r = new PageRenderer(crm, "marketer"))
        {
            var html = await r.RenderAsync<Customers>();
            Assert.Contains("data-state=\"empty\"", html);
            Assert.Contains("data-state=\"upload-forbidden\"", html);
            Assert.DoesNotContain("Customers file", html);
        }

        crm.Hang = true;
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"loading\"", await r.RenderFirstFrameAsync<Customers>());
        }

        crm.Hang = false;
        crm.Failure = new CrmException(HttpStatusCode.ServiceUnavailable, "database is starting");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("database is starting", await r.RenderAsync<Customers>());
        }

        crm.Failure = new CrmException(HttpStatusCode.Forbidden, "no");
        await using (var r = new PageRenderer(crm, "viewer"))
        {
            Assert.Contains("data-state=\"forbidden\"", await r.RenderAsync<Customers>());
        }

        crm.Failure = null;
        crm.Customers.AddRange(Enumerable.Range(1, 60).Select(i => Customer(i)));
        await using (var r = new PageRenderer(crm, "admin"))
        {
            var html = await r.RenderAsync<Customers>();
            Assert.Contains("href=\"/customers/50\"", html);
            Assert.DoesNotContain("href=\"/customers/51\"", html); // 50 a page
            Assert.Contains("₹4,500.50", html);
            Assert.Contains("<label for=\"customer-file\">Customers file</label>", html);
        }
    }

    [Fact]
    public async Task A_customer_shows_metrics_consent_orders_and_messages()
    {
        var crm = new FakeCrmClient();
        crm.CustomerDetails[1] = new CustomerDetail(Customer(1), "female", ["vip"], ["lipstick"], "Matte Lipstick", 1500.17m, Samples.Now, null, Samples.Now,
            ["email", "whatsapp"], [new CustomerOrder(9, "ord-9", Samples.Now, 1234m, "INR", "placed", 2)],
            [new CustomerMessage(3, 8, "Thank-you", "email", "converted", false, Samples.Now, Samples.Now, Samples.Now, 999m)]);
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<CustomerDetailPage>(new Dictionary<string, object?> { ["Id"] = 1L });
            Assert.Contains("Asha 1", html);
            Assert.Contains("email, whatsapp", html);
            Assert.Contains("ord-9", html);
            Assert.Contains("₹1,234.00", html);
            Assert.Contains("href=\"/campaigns/8\"", html);
            Assert.Contains("30/11/2026", html); // en-GB dates
        }

        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"empty\"", await r.RenderAsync<CustomerDetailPage>(new Dictionary<string, object?> { ["Id"] = 2L }));
        }
    }
}
