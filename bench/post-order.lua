-- wrk script of bench/acceptance.sh: POST /api/v1/orders of one unit of SKU as the customer whose
-- bearer token is TOKEN (both from the environment), a new order per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"items":[{"sku":"' .. os.getenv("SKU") .. '","quantity":1}],"paymentToken":"tok_visa"}'
