// Measurement shim for place and route (scripts/pnr.sh): the chip behind a serial in / serial
// out shift register, so that every port is used and the design needs 4 pins. Not the host link.
module shim(input clk, input sdi, input latch, output sdo);
  reg [57:0] sh; reg [57:0] q; reg [28:0] o; reg [28:0] so;
  wire in_ready, cfg_ready, cfg_rvalid, out_valid, busy; wire [15:0] cfg_rdata; wire [7:0] out_class;
  always @(posedge clk) begin sh <= {sh[56:0], sdi}; if (latch) q <= sh;
    o <= {in_ready, cfg_ready, cfg_rvalid, out_valid, busy, cfg_rdata, out_class};
    so <= latch ? o : {so[27:0],1'b0}; end
  assign sdo = so[28];
  spoon core(.clock(clk), .reset(q[0]), .in_valid(q[1]), .in_data(q[19:2]), .cfg_valid(q[20]), .cfg_write(q[21]),
   .cfg_select(q[25:22]), .cfg_address(q[42:26]), .cfg_wdata(q[57:43]^{q[0],15'b0}), .in_ready(in_ready), .cfg_ready(cfg_ready),
   .cfg_rdata(cfg_rdata), .cfg_rvalid(cfg_rvalid), .out_valid(out_valid), .out_class(out_class), .busy(busy));
endmodule
