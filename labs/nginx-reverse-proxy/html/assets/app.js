// labkit: app.js of the nginx-reverse-proxy lab. Talks to the API and the live feed through nginx.
"use strict";

const ordersList = document.getElementById("orders");
const statusLine = document.getElementById("status");
const refreshButton = document.getElementById("refresh");

function showOrders(reply) {
  // The echo backend answers with what it received; a real API would list orders.
  ordersList.innerHTML = "";
  const item = document.createElement("li");
  item.textContent = `Answered by ${reply.instance}: ${reply.method} ${reply.path}`;
  ordersList.appendChild(item);
}

async function loadOrders() {
  try {
    const response = await fetch("/api/orders?limit=10", { headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    showOrders(await response.json());
  } catch (error) {
    ordersList.innerHTML = `<li>Could not load orders: ${error.message}</li>`;
  }
}

function connectLiveFeed() {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${window.location.host}/ws`);
  socket.addEventListener("open", () => {
    statusLine.textContent = "Connected to the live feed through nginx.";
    socket.send("hello from the browser");
  });
  socket.addEventListener("message", (event) => {
    statusLine.textContent = `Live feed says: ${event.data}`;
  });
  socket.addEventListener("close", () => {
    statusLine.textContent = "The live feed closed; refresh the page to reconnect.";
  });
}

refreshButton.addEventListener("click", loadOrders);
loadOrders();
connectLiveFeed();
