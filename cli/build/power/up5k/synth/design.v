module spoon_board(clock,uart_rx,uart_tx,leds);

    // Module arguments
    input wire  clock;
    input wire  uart_rx;
    output reg  uart_tx;
    reg  uart_tx$work;
    output reg  [7:0] leds;
    reg  [7:0] leds$work;

    // Constant declarations
    localparam [3:0] power_on_cycles = 4'hf;

    // Stub signals
    reg  core$reset;
    reg  core$reset$work;
    reg  core$in_valid;
    reg  core$in_valid$work;
    reg  [17:0] core$in_data;
    reg  [17:0] core$in_data$work;
    wire  core$in_ready;
    reg  core$cfg_valid;
    reg  core$cfg_valid$work;
    reg  core$cfg_write;
    reg  core$cfg_write$work;
    reg  core$cfg_word;
    reg  core$cfg_word$work;
    reg  [3:0] core$cfg_select;
    reg  [3:0] core$cfg_select$work;
    reg  [16:0] core$cfg_address;
    reg  [16:0] core$cfg_address$work;
    reg  [63:0] core$cfg_wdata;
    reg  [63:0] core$cfg_wdata$work;
    wire  core$cfg_ready;
    wire  [63:0] core$cfg_rdata;
    wire  core$cfg_rvalid;
    wire  core$out_valid;
    wire  [7:0] core$out_class;
    wire  core$busy;
    wire  receiver$valid;
    wire  [7:0] receiver$data;
    wire  receiver$framing_error;
    reg  transmitter$send;
    reg  transmitter$send$work;
    reg  [7:0] transmitter$data;
    reg  [7:0] transmitter$data$work;
    wire  transmitter$ready;
    wire  transmitter$tx;
    reg  link$rx_valid;
    reg  link$rx_valid$work;
    reg  [7:0] link$rx_data;
    reg  [7:0] link$rx_data$work;
    reg  link$rx_error;
    reg  link$rx_error$work;
    wire  link$tx_send;
    wire  [7:0] link$tx_data;
    reg  link$tx_ready;
    reg  link$tx_ready$work;
    wire  link$in_valid;
    wire  [17:0] link$in_data;
    reg  link$in_ready;
    reg  link$in_ready$work;
    wire  link$cfg_valid;
    wire  link$cfg_write;
    wire  link$cfg_word;
    wire  [3:0] link$cfg_select;
    wire  [16:0] link$cfg_address;
    wire  [63:0] link$cfg_wdata;
    reg  link$cfg_ready;
    reg  link$cfg_ready$work;
    reg  [63:0] link$cfg_rdata;
    reg  [63:0] link$cfg_rdata$work;
    reg  link$cfg_rvalid;
    reg  link$cfg_rvalid$work;
    reg  link$out_valid;
    reg  link$out_valid$work;
    reg  [7:0] link$out_class;
    reg  [7:0] link$out_class$work;
    reg  link$busy;
    reg  link$busy$work;
    wire  link$link_busy;
    wire  link$error_seen;
    reg  [3:0] power_on$d;
    wire  [3:0] power_on$q;
    reg  [7:0] last_class$d;
    wire  [7:0] last_class$q;

    // Local signals
    reg  running;

    // Sub module instances
    spoon_board$core core(
        .clock(clock),
        .reset(core$reset),
        .in_valid(core$in_valid),
        .in_data(core$in_data),
        .in_ready(core$in_ready),
        .cfg_valid(core$cfg_valid),
        .cfg_write(core$cfg_write),
        .cfg_word(core$cfg_word),
        .cfg_select(core$cfg_select),
        .cfg_address(core$cfg_address),
        .cfg_wdata(core$cfg_wdata),
        .cfg_ready(core$cfg_ready),
        .cfg_rdata(core$cfg_rdata),
        .cfg_rvalid(core$cfg_rvalid),
        .out_valid(core$out_valid),
        .out_class(core$out_class),
        .busy(core$busy)
    );
    spoon_board$receiver receiver(
        .clock(clock),
        .rx(uart_rx),
        .valid(receiver$valid),
        .data(receiver$data),
        .framing_error(receiver$framing_error)
    );
    spoon_board$transmitter transmitter(
        .clock(clock),
        .send(transmitter$send),
        .data(transmitter$data),
        .ready(transmitter$ready),
        .tx(transmitter$tx)
    );
    spoon_board$link link(
        .clock(clock),
        .rx_valid(link$rx_valid),
        .rx_data(link$rx_data),
        .rx_error(link$rx_error),
        .tx_send(link$tx_send),
        .tx_data(link$tx_data),
        .tx_ready(link$tx_ready),
        .in_valid(link$in_valid),
        .in_data(link$in_data),
        .in_ready(link$in_ready),
        .cfg_valid(link$cfg_valid),
        .cfg_write(link$cfg_write),
        .cfg_word(link$cfg_word),
        .cfg_select(link$cfg_select),
        .cfg_address(link$cfg_address),
        .cfg_wdata(link$cfg_wdata),
        .cfg_ready(link$cfg_ready),
        .cfg_rdata(link$cfg_rdata),
        .cfg_rvalid(link$cfg_rvalid),
        .out_valid(link$out_valid),
        .out_class(link$out_class),
        .busy(link$busy),
        .link_busy(link$link_busy),
        .error_seen(link$error_seen)
    );
    spoon_board$power_on power_on(
        .d(power_on$d),
        .q(power_on$q),
        .clock(clock)
    );
    spoon_board$last_class last_class(
        .d(last_class$d),
        .q(last_class$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        power_on$d = power_on$q;
        last_class$d = last_class$q;
        running = power_on$q == power_on_cycles;
        if (~running) begin
            power_on$d = power_on$q + 32'h1;
        end
        core$reset$work = ~running;
        uart_tx$work = transmitter$tx;
        link$rx_valid$work = receiver$valid;
        link$rx_data$work = receiver$data;
        link$rx_error$work = receiver$framing_error;
        transmitter$send$work = link$tx_send;
        transmitter$data$work = link$tx_data;
        link$tx_ready$work = transmitter$ready;
        core$in_valid$work = link$in_valid;
        core$in_data$work = link$in_data;
        link$in_ready$work = core$in_ready;
        core$cfg_valid$work = link$cfg_valid;
        core$cfg_write$work = link$cfg_write;
        core$cfg_word$work = link$cfg_word;
        core$cfg_select$work = link$cfg_select;
        core$cfg_address$work = link$cfg_address;
        core$cfg_wdata$work = link$cfg_wdata;
        link$cfg_ready$work = core$cfg_ready;
        link$cfg_rdata$work = core$cfg_rdata;
        link$cfg_rvalid$work = core$cfg_rvalid;
        link$out_valid$work = core$out_valid;
        link$out_class$work = core$out_class;
        link$busy$work = core$busy;
        if (core$out_valid) begin
            last_class$d = core$out_class;
        end
        leds$work = ((last_class$q[(32'h0)+:(4)]) & 8'hff) | (((core$busy) & 8'hff) << 32'h4) | (((link$link_busy) & 8'hff) << 32'h5) | (((link$error_seen) & 8'hff) << 32'h6) | (((running) & 8'hff) << 32'h7);
        core$reset = core$reset$work;
        uart_tx = uart_tx$work;
        link$rx_valid = link$rx_valid$work;
        link$rx_data = link$rx_data$work;
        link$rx_error = link$rx_error$work;
        transmitter$send = transmitter$send$work;
        transmitter$data = transmitter$data$work;
        link$tx_ready = link$tx_ready$work;
        core$in_valid = core$in_valid$work;
        core$in_data = core$in_data$work;
        link$in_ready = link$in_ready$work;
        core$cfg_valid = core$cfg_valid$work;
        core$cfg_write = core$cfg_write$work;
        core$cfg_word = core$cfg_word$work;
        core$cfg_select = core$cfg_select$work;
        core$cfg_address = core$cfg_address$work;
        core$cfg_wdata = core$cfg_wdata$work;
        link$cfg_ready = link$cfg_ready$work;
        link$cfg_rdata = link$cfg_rdata$work;
        link$cfg_rvalid = link$cfg_rvalid$work;
        link$out_valid = link$out_valid$work;
        link$out_class = link$out_class$work;
        link$busy = link$busy$work;
        leds = leds$work;
    end

endmodule // spoon_board


module spoon_board$core(clock,reset,in_valid,in_data,in_ready,cfg_valid,cfg_write,cfg_word,cfg_select,cfg_address,cfg_wdata,cfg_ready,cfg_rdata,cfg_rvalid,out_valid,out_class,busy);

    // Module arguments
    input wire  clock;
    input wire  reset;
    input wire  in_valid;
    input wire  [17:0] in_data;
    output reg  in_ready;
    reg  in_ready$work;
    input wire  cfg_valid;
    input wire  cfg_write;
    input wire  cfg_word;
    input wire  [3:0] cfg_select;
    input wire  [16:0] cfg_address;
    input wire  [63:0] cfg_wdata;
    output reg  cfg_ready;
    reg  cfg_ready$work;
    output reg  [63:0] cfg_rdata;
    reg  [63:0] cfg_rdata$work;
    output reg  cfg_rvalid;
    reg  cfg_rvalid$work;
    output reg  out_valid;
    reg  out_valid$work;
    output reg  [7:0] out_class;
    reg  [7:0] out_class$work;
    output reg  busy;
    reg  busy$work;

    // Constant declarations
    localparam [7:0] label_limit = 8'ha;
    localparam [0:0] learning = 1'b1;
    localparam [0:0] link_holds = 1'b1;

    // Enums
    localparam Phase$Idle = 0;
    localparam Phase$Clear = 1;
    localparam Phase$ClearWait = 2;
    localparam Phase$Fetch = 3;
    localparam Phase$Decode = 4;
    localparam Phase$Integrate = 5;
    localparam Phase$IntegrateWait = 6;
    localparam Phase$FcStart = 7;
    localparam Phase$FcWait = 8;
    localparam Phase$Finish = 9;
    localparam Phase$CfgDivide = 10;
    localparam Phase$CfgIssue = 11;
    localparam Phase$CfgData = 12;
    localparam Phase$CfgWrite = 13;

    // Stub signals
    wire  pin_reset$q;
    wire  pin_in_valid$q;
    wire  [17:0] pin_in_data$q;
    wire  pin_cfg_valid$q;
    wire  pin_cfg_write$q;
    wire  pin_cfg_word$q;
    wire  [3:0] pin_cfg_select$q;
    wire  [16:0] pin_cfg_address$q;
    wire  [63:0] pin_cfg_wdata$q;
    reg  in_shown$d;
    wire  in_shown$q;
    reg  cfg_shown$d;
    wire  cfg_shown$q;
    reg  cfg_ready_q$d;
    wire  cfg_ready_q$q;
    reg  fifo$reset;
    reg  fifo$reset$work;
    reg  fifo$in_valid;
    reg  fifo$in_valid$work;
    reg  [17:0] fifo$in_data;
    reg  [17:0] fifo$in_data$work;
    wire  fifo$in_ready;
    reg  fifo$pop;
    reg  fifo$pop$work;
    wire  fifo$empty;
    wire  [17:0] fifo$out_data;
    reg  conv$reset;
    reg  conv$reset$work;
    reg  conv$start_event;
    reg  conv$start_event$work;
    reg  [7:0] conv$x;
    reg  [7:0] conv$x$work;
    reg  [7:0] conv$y;
    reg  [7:0] conv$y$work;
    reg  conv$channel;
    reg  conv$channel$work;
    reg  conv$start_clear;
    reg  conv$start_clear$work;
    wire  conv$busy;
    wire  conv$ignored;
    reg  [6:0] conv$kernel_address;
    reg  [6:0] conv$kernel_address$work;
    reg  conv$kernel_read;
    reg  conv$kernel_read$work;
    reg  conv$kernel_write;
    reg  conv$kernel_write$work;
    reg  [63:0] conv$kernel_wdata;
    reg  [63:0] conv$kernel_wdata$work;
    wire  [63:0] conv$kernel_rdata;
    reg  [6:0] conv$membrane_address;
    reg  [6:0] conv$membrane_address$work;
    reg  conv$membrane_read;
    reg  conv$membrane_read$work;
    wire  [111:0] conv$membrane_rdata;
    reg  fc$reset;
    reg  fc$reset$work;
    reg  fc$start_clear;
    reg  fc$start_clear$work;
    reg  fc$start;
    reg  fc$start$work;
    reg  fc$learn;
    reg  fc$learn$work;
    reg  [7:0] fc$label;
    reg  [7:0] fc$label$work;
    reg  [4:0] fc$hidden_lr_shift;
    reg  [4:0] fc$hidden_lr_shift$work;
    reg  [4:0] fc$output_lr_shift;
    reg  [4:0] fc$output_lr_shift$work;
    reg  [31:0] fc$projection_seed;
    reg  [31:0] fc$projection_seed$work;
    wire  fc$busy;
    wire  [7:0] fc$decision;
    wire  fc$input_read;
    wire  [6:0] fc$input_address;
    reg  [63:0] fc$input_word;
    reg  [63:0] fc$input_word$work;
    reg  [1:0] fc$mem_select;
    reg  [1:0] fc$mem_select$work;
    reg  [13:0] fc$mem_address;
    reg  [13:0] fc$mem_address$work;
    reg  fc$mem_read;
    reg  fc$mem_read$work;
    reg  fc$mem_write;
    reg  fc$mem_write$work;
    reg  [63:0] fc$mem_wdata;
    reg  [63:0] fc$mem_wdata$work;
    wire  [63:0] fc$hidden_rdata;
    wire  [63:0] fc$output_rdata;
    reg  [2:0] fc$score_lane;
    reg  [2:0] fc$score_lane$work;
    wire  [21:0] fc$score;
    reg  fc$rounding_write;
    reg  fc$rounding_write$work;
    reg  [31:0] fc$rounding_wdata;
    reg  [31:0] fc$rounding_wdata$work;
    wire  [31:0] fc$rounding_state;
    reg  cfg_port$reset;
    reg  cfg_port$reset$work;
    reg  cfg_port$take;
    reg  cfg_port$take$work;
    reg  cfg_port$divide;
    reg  cfg_port$divide$work;
    reg  cfg_port$issue;
    reg  cfg_port$issue$work;
    reg  cfg_port$finish;
    reg  cfg_port$finish$work;
    reg  cfg_port$write_back;
    reg  cfg_port$write_back$work;
    wire  cfg_port$writing_request;
    reg  cfg_port$pin_write;
    reg  cfg_port$pin_write$work;
    reg  cfg_port$pin_word;
    reg  cfg_port$pin_word$work;
    reg  [3:0] cfg_port$pin_select;
    reg  [3:0] cfg_port$pin_select$work;
    reg  [16:0] cfg_port$pin_address;
    reg  [16:0] cfg_port$pin_address$work;
    reg  [63:0] cfg_port$pin_wdata;
    reg  [63:0] cfg_port$pin_wdata$work;
    wire  cfg_port$word_request;
    wire  cfg_port$divided;
    wire  [6:0] cfg_port$kernel_address;
    wire  cfg_port$kernel_read;
    wire  cfg_port$kernel_write;
    reg  [63:0] cfg_port$kernel_rdata;
    reg  [63:0] cfg_port$kernel_rdata$work;
    wire  [6:0] cfg_port$membrane_address;
    wire  cfg_port$membrane_read;
    reg  [111:0] cfg_port$membrane_rdata;
    reg  [111:0] cfg_port$membrane_rdata$work;
    wire  [1:0] cfg_port$fc_select;
    wire  [13:0] cfg_port$fc_address;
    wire  cfg_port$fc_read;
    wire  cfg_port$fc_write;
    reg  [63:0] cfg_port$hidden_rdata;
    reg  [63:0] cfg_port$hidden_rdata$work;
    reg  [63:0] cfg_port$output_rdata;
    reg  [63:0] cfg_port$output_rdata$work;
    wire  [2:0] cfg_port$score_lane;
    reg  [21:0] cfg_port$score;
    reg  [21:0] cfg_port$score$work;
    wire  [63:0] cfg_port$wdata;
    reg  [31:0] cfg_port$rounding_state;
    reg  [31:0] cfg_port$rounding_state$work;
    wire  cfg_port$rounding_write;
    wire  [31:0] cfg_port$rounding_wdata;
    reg  [7:0] cfg_port$decision;
    reg  [7:0] cfg_port$decision$work;
    reg  cfg_port$busy;
    reg  cfg_port$busy$work;
    reg  [15:0] cfg_port$ignored;
    reg  [15:0] cfg_port$ignored$work;
    wire  [4:0] cfg_port$hidden_lr_shift;
    wire  [4:0] cfg_port$output_lr_shift;
    wire  [31:0] cfg_port$projection_seed;
    wire  [63:0] cfg_port$rdata;
    wire  cfg_port$rvalid;
    reg  [3:0] phase$d;
    wire  [3:0] phase$q;
    reg  [15:0] ignored$d;
    wire  [15:0] ignored$q;
    reg  learn$d;
    wire  learn$q;
    reg  [7:0] label$d;
    wire  [7:0] label$q;

    // Local signals
    reg  cfg_write_taken;

    // Sub module instances
    spoon_board$core$pin_reset pin_reset(
        .d(reset),
        .q(pin_reset$q),
        .clock(clock)
    );
    spoon_board$core$pin_in_valid pin_in_valid(
        .d(in_valid),
        .q(pin_in_valid$q),
        .clock(clock)
    );
    spoon_board$core$pin_in_data pin_in_data(
        .d(in_data),
        .q(pin_in_data$q),
        .clock(clock)
    );
    spoon_board$core$pin_cfg_valid pin_cfg_valid(
        .d(cfg_valid),
        .q(pin_cfg_valid$q),
        .clock(clock)
    );
    spoon_board$core$pin_cfg_write pin_cfg_write(
        .d(cfg_write),
        .q(pin_cfg_write$q),
        .clock(clock)
    );
    spoon_board$core$pin_cfg_word pin_cfg_word(
        .d(cfg_word),
        .q(pin_cfg_word$q),
        .clock(clock)
    );
    spoon_board$core$pin_cfg_select pin_cfg_select(
        .d(cfg_select),
        .q(pin_cfg_select$q),
        .clock(clock)
    );
    spoon_board$core$pin_cfg_address pin_cfg_address(
        .d(cfg_address),
        .q(pin_cfg_address$q),
        .clock(clock)
    );
    spoon_board$core$pin_cfg_wdata pin_cfg_wdata(
        .d(cfg_wdata),
        .q(pin_cfg_wdata$q),
        .clock(clock)
    );
    spoon_board$core$in_shown in_shown(
        .d(in_shown$d),
        .q(in_shown$q),
        .clock(clock)
    );
    spoon_board$core$cfg_shown cfg_shown(
        .d(cfg_shown$d),
        .q(cfg_shown$q),
        .clock(clock)
    );
    spoon_board$core$cfg_ready_q cfg_ready_q(
        .d(cfg_ready_q$d),
        .q(cfg_ready_q$q),
        .clock(clock)
    );
    spoon_board$core$fifo fifo(
        .clock(clock),
        .reset(fifo$reset),
        .in_valid(fifo$in_valid),
        .in_data(fifo$in_data),
        .in_ready(fifo$in_ready),
        .pop(fifo$pop),
        .empty(fifo$empty),
        .out_data(fifo$out_data)
    );
    spoon_board$core$conv conv(
        .clock(clock),
        .reset(conv$reset),
        .start_event(conv$start_event),
        .x(conv$x),
        .y(conv$y),
        .channel(conv$channel),
        .start_clear(conv$start_clear),
        .busy(conv$busy),
        .ignored(conv$ignored),
        .kernel_address(conv$kernel_address),
        .kernel_read(conv$kernel_read),
        .kernel_write(conv$kernel_write),
        .kernel_wdata(conv$kernel_wdata),
        .kernel_rdata(conv$kernel_rdata),
        .membrane_address(conv$membrane_address),
        .membrane_read(conv$membrane_read),
        .membrane_rdata(conv$membrane_rdata)
    );
    spoon_board$core$fc fc(
        .clock(clock),
        .reset(fc$reset),
        .start_clear(fc$start_clear),
        .start(fc$start),
        .learn(fc$learn),
        .label(fc$label),
        .hidden_lr_shift(fc$hidden_lr_shift),
        .output_lr_shift(fc$output_lr_shift),
        .projection_seed(fc$projection_seed),
        .busy(fc$busy),
        .decision(fc$decision),
        .input_read(fc$input_read),
        .input_address(fc$input_address),
        .input_word(fc$input_word),
        .mem_select(fc$mem_select),
        .mem_address(fc$mem_address),
        .mem_read(fc$mem_read),
        .mem_write(fc$mem_write),
        .mem_wdata(fc$mem_wdata),
        .hidden_rdata(fc$hidden_rdata),
        .output_rdata(fc$output_rdata),
        .score_lane(fc$score_lane),
        .score(fc$score),
        .rounding_write(fc$rounding_write),
        .rounding_wdata(fc$rounding_wdata),
        .rounding_state(fc$rounding_state)
    );
    spoon_board$core$cfg_port cfg_port(
        .clock(clock),
        .reset(cfg_port$reset),
        .take(cfg_port$take),
        .divide(cfg_port$divide),
        .issue(cfg_port$issue),
        .finish(cfg_port$finish),
        .write_back(cfg_port$write_back),
        .writing_request(cfg_port$writing_request),
        .pin_write(cfg_port$pin_write),
        .pin_word(cfg_port$pin_word),
        .pin_select(cfg_port$pin_select),
        .pin_address(cfg_port$pin_address),
        .pin_wdata(cfg_port$pin_wdata),
        .word_request(cfg_port$word_request),
        .divided(cfg_port$divided),
        .kernel_address(cfg_port$kernel_address),
        .kernel_read(cfg_port$kernel_read),
        .kernel_write(cfg_port$kernel_write),
        .kernel_rdata(cfg_port$kernel_rdata),
        .membrane_address(cfg_port$membrane_address),
        .membrane_read(cfg_port$membrane_read),
        .membrane_rdata(cfg_port$membrane_rdata),
        .fc_select(cfg_port$fc_select),
        .fc_address(cfg_port$fc_address),
        .fc_read(cfg_port$fc_read),
        .fc_write(cfg_port$fc_write),
        .hidden_rdata(cfg_port$hidden_rdata),
        .output_rdata(cfg_port$output_rdata),
        .score_lane(cfg_port$score_lane),
        .score(cfg_port$score),
        .wdata(cfg_port$wdata),
        .rounding_state(cfg_port$rounding_state),
        .rounding_write(cfg_port$rounding_write),
        .rounding_wdata(cfg_port$rounding_wdata),
        .decision(cfg_port$decision),
        .busy(cfg_port$busy),
        .ignored(cfg_port$ignored),
        .hidden_lr_shift(cfg_port$hidden_lr_shift),
        .output_lr_shift(cfg_port$output_lr_shift),
        .projection_seed(cfg_port$projection_seed),
        .rdata(cfg_port$rdata),
        .rvalid(cfg_port$rvalid)
    );
    spoon_board$core$phase phase(
        .d(phase$d),
        .q(phase$q),
        .clock(clock)
    );
    spoon_board$core$ignored ignored(
        .d(ignored$d),
        .q(ignored$q),
        .clock(clock)
    );
    spoon_board$core$learn learn(
        .d(learn$d),
        .q(learn$q),
        .clock(clock)
    );
    spoon_board$core$label label(
        .d(label$d),
        .q(label$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        phase$d = phase$q;
        ignored$d = ignored$q;
        learn$d = learn$q;
        label$d = label$q;
        in_shown$d = in_shown$q;
        cfg_shown$d = cfg_shown$q;
        cfg_ready_q$d = cfg_ready_q$q;
        fifo$reset$work = pin_reset$q;
        fifo$in_valid$work = pin_in_valid$q && in_shown$q;
        fifo$in_data$work = pin_in_data$q;
        if (link_holds) begin
            fifo$in_data$work = in_data;
        end
        in_ready$work = fifo$in_ready;
        in_shown$d = fifo$in_ready;
        fifo$pop$work = 1'b0;
        conv$reset$work = pin_reset$q;
        conv$start_event$work = 1'b0;
        conv$start_clear$work = 1'b0;
        conv$x$work = fifo$out_data[(32'h0)+:(8)];
        conv$y$work = fifo$out_data[(32'h8)+:(8)];
        conv$channel$work = fifo$out_data[32'h10];
        conv$kernel_address$work = cfg_port$kernel_address;
        conv$kernel_read$work = cfg_port$kernel_read;
        conv$kernel_write$work = cfg_port$kernel_write;
        conv$kernel_wdata$work = cfg_port$wdata;
        conv$membrane_address$work = cfg_port$membrane_address;
        conv$membrane_read$work = cfg_port$membrane_read;
        fc$reset$work = pin_reset$q;
        fc$start_clear$work = 1'b0;
        fc$start$work = 1'b0;
        fc$learn$work = learn$q;
        fc$label$work = label$q;
        fc$hidden_lr_shift$work = cfg_port$hidden_lr_shift;
        fc$output_lr_shift$work = cfg_port$output_lr_shift;
        fc$projection_seed$work = cfg_port$projection_seed;
        fc$input_word$work = ((conv$membrane_rdata[(12)+:(2)]) & 64'hffffffffffffffff) | (((conv$membrane_rdata[(14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h8) | (((conv$membrane_rdata[(32'h2 * 14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h10) | (((conv$membrane_rdata[(32'h3 * 14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h18) | (((conv$membrane_rdata[(32'h4 * 14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h20) | (((conv$membrane_rdata[(32'h5 * 14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h28) | (((conv$membrane_rdata[(32'h6 * 14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h30) | (((conv$membrane_rdata[(32'h7 * 14 + 12)+:(2)]) & 64'hffffffffffffffff) << 64'h38);
        fc$mem_select$work = cfg_port$fc_select;
        fc$mem_address$work = cfg_port$fc_address;
        fc$mem_read$work = cfg_port$fc_read;
        fc$mem_write$work = cfg_port$fc_write;
        fc$mem_wdata$work = cfg_port$wdata;
        fc$score_lane$work = cfg_port$score_lane;
        fc$rounding_write$work = cfg_port$rounding_write;
        fc$rounding_wdata$work = cfg_port$rounding_wdata;
        cfg_port$reset$work = pin_reset$q;
        cfg_port$pin_write$work = pin_cfg_write$q;
        cfg_port$pin_word$work = pin_cfg_word$q;
        cfg_port$pin_select$work = pin_cfg_select$q;
        cfg_port$pin_address$work = pin_cfg_address$q;
        cfg_port$pin_wdata$work = pin_cfg_wdata$q;
        cfg_write_taken = pin_cfg_write$q;
        if (link_holds) begin
            cfg_write_taken = cfg_write;
            cfg_port$pin_write$work = cfg_write;
            cfg_port$pin_word$work = cfg_word;
            cfg_port$pin_select$work = cfg_select;
            cfg_port$pin_wdata$work = cfg_wdata;
        end
        cfg_port$kernel_rdata$work = conv$kernel_rdata;
        cfg_port$membrane_rdata$work = conv$membrane_rdata;
        cfg_port$hidden_rdata$work = fc$hidden_rdata;
        cfg_port$output_rdata$work = fc$output_rdata;
        cfg_port$score$work = fc$score;
        cfg_port$rounding_state$work = fc$rounding_state;
        cfg_port$decision$work = fc$decision;
        cfg_port$ignored$work = ignored$q;
        cfg_port$take$work = 1'b0;
        cfg_port$divide$work = 1'b0;
        cfg_port$issue$work = 1'b0;
        cfg_port$finish$work = 1'b0;
        cfg_port$write_back$work = 1'b0;
        busy$work = (phase$q != Phase$Idle) && (phase$q != Phase$CfgDivide) && (phase$q != Phase$CfgIssue) && (phase$q != Phase$CfgData) && (phase$q != Phase$CfgWrite);
        cfg_port$busy$work = busy$work;
        cfg_ready$work = cfg_ready_q$q;
        cfg_shown$d = cfg_ready_q$q;
        cfg_rvalid$work = cfg_port$rvalid;
        cfg_rdata$work = cfg_port$rdata;
        out_valid$work = 1'b0;
        out_class$work = fc$decision;
        if (conv$ignored && (ignored$q != 32'hffff)) begin
            ignored$d = ignored$q + 32'h1;
        end
        case (phase$q)
            Phase$Idle:
                begin
                    if (pin_cfg_valid$q && cfg_shown$q) begin
                        cfg_port$take$work = 1'b1;
                        phase$d = Phase$CfgDivide;
                        if (cfg_port$word_request) begin
                            phase$d = Phase$CfgData;
                            if (cfg_write_taken) begin
                                phase$d = Phase$Idle;
                            end
                        end
                    end
                    else if (~cfg_ready_q$q && ~fifo$empty) begin
                        phase$d = Phase$Clear;
                    end
                end
            Phase$Clear:
                begin
                    conv$start_clear$work = 1'b1;
                    fc$start_clear$work = 1'b1;
                    phase$d = Phase$ClearWait;
                end
            Phase$ClearWait:
                begin
                    if (~conv$busy && ~fc$busy) begin
                        phase$d = Phase$Fetch;
                    end
                end
            Phase$Fetch:
                begin
                    if (~fifo$empty) begin
                        fifo$pop$work = 1'b1;
                        phase$d = Phase$Decode;
                    end
                end
            Phase$Decode:
                begin
                    if (fifo$out_data[18 - 32'h1]) begin
                        learn$d = fifo$out_data[32'h10] && (fifo$out_data[(32'h0)+:(8)] < label_limit) && learning;
                        label$d = fifo$out_data[(32'h0)+:(8)];
                        phase$d = Phase$FcStart;
                    end
                    else begin
                        conv$start_event$work = 1'b1;
                        phase$d = Phase$Integrate;
                    end
                end
            Phase$Integrate:
                begin
                    phase$d = Phase$IntegrateWait;
                end
            Phase$IntegrateWait:
                begin
                    if (~conv$busy) begin
                        phase$d = Phase$Fetch;
                    end
                end
            Phase$FcStart:
                begin
                    fc$start$work = 1'b1;
                    phase$d = Phase$FcWait;
                end
            Phase$FcWait:
                begin
                    conv$membrane_address$work = fc$input_address;
                    conv$membrane_read$work = fc$input_read;
                    if (~fc$busy) begin
                        phase$d = Phase$Finish;
                    end
                end
            Phase$Finish:
                begin
                    out_valid$work = 1'b1;
                    phase$d = Phase$Idle;
                end
            Phase$CfgDivide:
                begin
                    cfg_port$divide$work = 1'b1;
                    if (cfg_port$divided) begin
                        phase$d = Phase$CfgIssue;
                    end
                end
            Phase$CfgIssue:
                begin
                    cfg_port$issue$work = 1'b1;
                    phase$d = Phase$CfgData;
                end
            Phase$CfgData:
                begin
                    cfg_port$finish$work = 1'b1;
                    phase$d = Phase$Idle;
                    if (cfg_port$writing_request) begin
                        phase$d = Phase$CfgWrite;
                    end
                end
            Phase$CfgWrite:
                begin
                    cfg_port$write_back$work = 1'b1;
                    phase$d = Phase$Idle;
                end
        endcase
        cfg_ready_q$d = (phase$d == Phase$Idle) && ~cfg_ready_q$q;
        if (pin_reset$q) begin
            cfg_ready_q$d = 1'b0;
            phase$d = Phase$Idle;
            ignored$d = 32'h0;
        end
        fifo$reset = fifo$reset$work;
        fifo$in_valid = fifo$in_valid$work;
        fifo$in_data = fifo$in_data$work;
        in_ready = in_ready$work;
        fifo$pop = fifo$pop$work;
        conv$reset = conv$reset$work;
        conv$start_event = conv$start_event$work;
        conv$start_clear = conv$start_clear$work;
        conv$x = conv$x$work;
        conv$y = conv$y$work;
        conv$channel = conv$channel$work;
        conv$kernel_address = conv$kernel_address$work;
        conv$kernel_read = conv$kernel_read$work;
        conv$kernel_write = conv$kernel_write$work;
        conv$kernel_wdata = conv$kernel_wdata$work;
        conv$membrane_address = conv$membrane_address$work;
        conv$membrane_read = conv$membrane_read$work;
        fc$reset = fc$reset$work;
        fc$start_clear = fc$start_clear$work;
        fc$start = fc$start$work;
        fc$learn = fc$learn$work;
        fc$label = fc$label$work;
        fc$hidden_lr_shift = fc$hidden_lr_shift$work;
        fc$output_lr_shift = fc$output_lr_shift$work;
        fc$projection_seed = fc$projection_seed$work;
        fc$input_word = fc$input_word$work;
        fc$mem_select = fc$mem_select$work;
        fc$mem_address = fc$mem_address$work;
        fc$mem_read = fc$mem_read$work;
        fc$mem_write = fc$mem_write$work;
        fc$mem_wdata = fc$mem_wdata$work;
        fc$score_lane = fc$score_lane$work;
        fc$rounding_write = fc$rounding_write$work;
        fc$rounding_wdata = fc$rounding_wdata$work;
        cfg_port$reset = cfg_port$reset$work;
        cfg_port$pin_write = cfg_port$pin_write$work;
        cfg_port$pin_word = cfg_port$pin_word$work;
        cfg_port$pin_select = cfg_port$pin_select$work;
        cfg_port$pin_address = cfg_port$pin_address$work;
        cfg_port$pin_wdata = cfg_port$pin_wdata$work;
        cfg_port$kernel_rdata = cfg_port$kernel_rdata$work;
        cfg_port$membrane_rdata = cfg_port$membrane_rdata$work;
        cfg_port$hidden_rdata = cfg_port$hidden_rdata$work;
        cfg_port$output_rdata = cfg_port$output_rdata$work;
        cfg_port$score = cfg_port$score$work;
        cfg_port$rounding_state = cfg_port$rounding_state$work;
        cfg_port$decision = cfg_port$decision$work;
        cfg_port$ignored = cfg_port$ignored$work;
        cfg_port$take = cfg_port$take$work;
        cfg_port$divide = cfg_port$divide$work;
        cfg_port$issue = cfg_port$issue$work;
        cfg_port$finish = cfg_port$finish$work;
        cfg_port$write_back = cfg_port$write_back$work;
        busy = busy$work;
        cfg_port$busy = cfg_port$busy$work;
        cfg_ready = cfg_ready$work;
        cfg_rvalid = cfg_rvalid$work;
        cfg_rdata = cfg_rdata$work;
        out_valid = out_valid$work;
        out_class = out_class$work;
    end

endmodule // spoon_board$core


module spoon_board$core$cfg_port(clock,reset,take,divide,issue,finish,write_back,writing_request,pin_write,pin_word,pin_select,pin_address,pin_wdata,word_request,divided,kernel_address,kernel_read,kernel_write,kernel_rdata,membrane_address,membrane_read,membrane_rdata,fc_select,fc_address,fc_read,fc_write,hidden_rdata,output_rdata,score_lane,score,wdata,rounding_state,rounding_write,rounding_wdata,decision,busy,ignored,hidden_lr_shift,output_lr_shift,projection_seed,rdata,rvalid);

    // Module arguments
    input wire  clock;
    input wire  reset;
    input wire  take;
    input wire  divide;
    input wire  issue;
    input wire  finish;
    input wire  write_back;
    output reg  writing_request;
    reg  writing_request$work;
    input wire  pin_write;
    input wire  pin_word;
    input wire  [3:0] pin_select;
    input wire  [16:0] pin_address;
    input wire  [63:0] pin_wdata;
    output reg  word_request;
    reg  word_request$work;
    output reg  divided;
    reg  divided$work;
    output reg  [6:0] kernel_address;
    reg  [6:0] kernel_address$work;
    output reg  kernel_read;
    reg  kernel_read$work;
    output reg  kernel_write;
    reg  kernel_write$work;
    input wire  [63:0] kernel_rdata;
    output reg  [6:0] membrane_address;
    reg  [6:0] membrane_address$work;
    output reg  membrane_read;
    reg  membrane_read$work;
    input wire  [111:0] membrane_rdata;
    output reg  [1:0] fc_select;
    reg  [1:0] fc_select$work;
    output reg  [13:0] fc_address;
    reg  [13:0] fc_address$work;
    output reg  fc_read;
    reg  fc_read$work;
    output reg  fc_write;
    reg  fc_write$work;
    input wire  [63:0] hidden_rdata;
    input wire  [63:0] output_rdata;
    output reg  [2:0] score_lane;
    reg  [2:0] score_lane$work;
    input wire  [21:0] score;
    output reg  [63:0] wdata;
    reg  [63:0] wdata$work;
    input wire  [31:0] rounding_state;
    output reg  rounding_write;
    reg  rounding_write$work;
    output reg  [31:0] rounding_wdata;
    reg  [31:0] rounding_wdata$work;
    input wire  [7:0] decision;
    input wire  busy;
    input wire  [15:0] ignored;
    output reg  [4:0] hidden_lr_shift;
    reg  [4:0] hidden_lr_shift$work;
    output reg  [4:0] output_lr_shift;
    reg  [4:0] output_lr_shift$work;
    output reg  [31:0] projection_seed;
    reg  [31:0] projection_seed$work;
    output reg  [63:0] rdata;
    reg  [63:0] rdata$work;
    output reg  rvalid;
    reg  rvalid$work;

    // Constant declarations
    localparam [7:0] one_lane = 8'h1;
    localparam [15:0] max_shift = 16'h10;
    localparam [63:0] lane_masks$0 = 64'hff;
    localparam [63:0] lane_masks$1 = 64'hff00;
    localparam [63:0] lane_masks$2 = 64'hff0000;
    localparam [63:0] lane_masks$3 = 64'hff000000;
    localparam [63:0] lane_masks$4 = 64'hff00000000;
    localparam [63:0] lane_masks$5 = 64'hff0000000000;
    localparam [63:0] lane_masks$6 = 64'hff000000000000;
    localparam [63:0] lane_masks$7 = 64'hff00000000000000;
    localparam [17:0] kernels = 18'b10000;
    localparam [17:0] hidden = 18'b1100100;
    localparam [17:0] classes = 18'b1010;
    localparam [17:0] score_row = 18'b10000;
    localparam [17:0] past_addresses = 18'b100000000000000000;
    localparam [17:0] membrane_row = 18'b100000;
    localparam [16:0] conv_groups = 17'b10;
    localparam [16:0] hidden_groups = 17'b1101;
    localparam [16:0] output_groups = 17'b10;
    localparam [16:0] kernel_words = 17'b1100010;
    localparam [16:0] hidden_words = 17'b11010000000000;
    localparam [16:0] output_words = 17'b11001000;
    localparam [4:0] divide_steps = 5'b10001;
    localparam [4:0] reset_hidden_lr_shift = 5'b10;
    localparam [4:0] reset_output_lr_shift = 5'b1100;
    localparam [31:0] reset_projection_seed = 32'hb0a75eed;
    localparam [31:0] score_fill = 32'hffc00000;
    localparam [0:0] learning = 1'b1;

    // Stub signals
    reg  [4:0] hidden_shift$d;
    wire  [4:0] hidden_shift$q;
    reg  [4:0] output_shift$d;
    wire  [4:0] output_shift$q;
    reg  [31:0] seed$d;
    wire  [31:0] seed$q;
    reg  is_write$d;
    wire  is_write$q;
    reg  [3:0] select$d;
    wire  [3:0] select$q;
    reg  word$d;
    wire  word$q;
    reg  word_valid$d;
    wire  word_valid$q;
    reg  [15:0] data$d;
    wire  [15:0] data$q;
    reg  [16:0] dividend$d;
    wire  [16:0] dividend$q;
    reg  [17:0] remainder$d;
    wire  [17:0] remainder$q;
    reg  [16:0] row_words$d;
    wire  [16:0] row_words$q;
    reg  [4:0] steps$d;
    wire  [4:0] steps$q;
    reg  rvalid_q$d;
    wire  rvalid_q$q;
    reg  [63:0] rdata_q$d;
    wire  [63:0] rdata_q$q;

    // Local signals
    reg  [16:0] word_limit;
    reg  word_ok;
    reg  direct;
    reg  [3:0] access_select;
    reg  [16:0] access_address;
    reg  reading;
    reg  writing;
    reg  [17:0] divisor;
    reg  [16:0] row_groups;
    reg  [17:0] trial;
    reg  [18:0] difference;
    reg  paired;
    reg  [15:0] column;
    reg  [7:0] lane;
    reg  [16:0] word_address;
    reg  [7:0] lane_onehot;
    reg  [63:0] lane_mask;
    reg  [63:0] weight_word;
    reg  [7:0] weight_lane;
    reg  [15:0] weight_lane_wide;
    reg  [7:0] write_byte;
    reg  [63:0] write_bytes;
    reg  [63:0] merged_word;
    reg  [13:0] neuron_lane;
    reg  [15:0] potential_wide;
    reg  [31:0] score_wide;
    reg  [15:0] register_value;
    reg  busy_bit;
    reg  [15:0] element_value;
    reg  [4:0] shift_value;

    // Sub module instances
    spoon_board$core$cfg_port$hidden_shift hidden_shift(
        .d(hidden_shift$d),
        .q(hidden_shift$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$output_shift output_shift(
        .d(output_shift$d),
        .q(output_shift$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$seed seed(
        .d(seed$d),
        .q(seed$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$is_write is_write(
        .d(is_write$d),
        .q(is_write$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$select select(
        .d(select$d),
        .q(select$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$word word(
        .d(word$d),
        .q(word$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$word_valid word_valid(
        .d(word_valid$d),
        .q(word_valid$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$data data(
        .d(data$d),
        .q(data$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$dividend dividend(
        .d(dividend$d),
        .q(dividend$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$remainder remainder(
        .d(remainder$d),
        .q(remainder$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$row_words row_words(
        .d(row_words$d),
        .q(row_words$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$steps steps(
        .d(steps$d),
        .q(steps$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$rvalid_q rvalid_q(
        .d(rvalid_q$d),
        .q(rvalid_q$q),
        .clock(clock)
    );
    spoon_board$core$cfg_port$rdata_q rdata_q(
        .d(rdata_q$d),
        .q(rdata_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        hidden_shift$d = hidden_shift$q;
        output_shift$d = output_shift$q;
        seed$d = seed$q;
        is_write$d = is_write$q;
        select$d = select$q;
        word$d = word$q;
        word_valid$d = word_valid$q;
        data$d = data$q;
        dividend$d = dividend$q;
        remainder$d = remainder$q;
        row_words$d = row_words$q;
        steps$d = steps$q;
        rvalid_q$d = rvalid_q$q;
        rdata_q$d = rdata_q$q;
        hidden_lr_shift$work = hidden_shift$q;
        output_lr_shift$work = output_shift$q;
        projection_seed$work = seed$q;
        rvalid$work = rvalid_q$q;
        rdata$work = rdata_q$q;
        rvalid_q$d = 1'b0;
        word_request$work = pin_word;
        word_limit = 32'h0;
        if (pin_select == 32'h0) begin
            word_limit = kernel_words;
        end
        if (pin_select == 32'h1) begin
            word_limit = hidden_words;
        end
        if (pin_select == 32'h2) begin
            word_limit = output_words;
        end
        word_ok = pin_address < word_limit;
        direct = take && pin_word && word_ok;
        divisor = past_addresses;
        row_groups = conv_groups;
        if (select$q == 32'h0) begin
            divisor = kernels;
        end
        if (select$q == 32'h1) begin
            divisor = hidden;
            row_groups = hidden_groups;
        end
        if (select$q == 32'h2) begin
            divisor = classes;
            row_groups = output_groups;
        end
        if (select$q == 32'h9) begin
            divisor = score_row;
            row_groups = 32'h1;
        end
        if (select$q == 32'ha) begin
            divisor = membrane_row;
        end
        paired = (select$q == 32'h9) || (select$q == 32'ha);
        trial = (remainder$q << 32'h1) | ((dividend$q[(17 - 32'h1)+:(1)]) & 18'h3ffff);
        difference = ((trial) & 19'h7ffff) - ((divisor) & 19'h7ffff);
        column = ((remainder$q) & 16'hffff);
        if (paired) begin
            column = ((remainder$q) & 16'hffff) >> 32'h1;
        end
        lane = ((column) & 8'hff) & 32'h7;
        word_address = row_words$q + ((column >> 32'h3) & 17'h1ffff);
        access_select = select$q;
        access_address = word_address;
        if (direct) begin
            access_select = pin_select;
            access_address = pin_address;
        end
        reading = issue || (direct && ~pin_write);
        writing = write_back || (direct && pin_write);
        kernel_address$work = ((access_address) & 7'h7f);
        membrane_address$work = ((access_address) & 7'h7f);
        fc_address$work = ((access_address) & 14'h3fff);
        kernel_read$work = reading && (access_select == 32'h0);
        membrane_read$work = issue && (select$q == 32'ha);
        fc_read$work = reading && ((access_select == 32'h1) || (access_select == 32'h2) || (access_select == 32'h9));
        kernel_write$work = writing && (access_select == 32'h0);
        fc_write$work = writing && ((access_select == 32'h1) || (access_select == 32'h2));
        fc_select$work = 2;
        if (access_select == 32'h1) begin
            fc_select$work = 0;
        end
        if (access_select == 32'h2) begin
            fc_select$work = 1;
        end
        score_lane$work = ((lane) & 3'h7);
        weight_word = kernel_rdata;
        if (select$q == 32'h1) begin
            weight_word = hidden_rdata;
        end
        if (select$q == 32'h2) begin
            weight_word = output_rdata;
        end
        lane_onehot = one_lane << lane;
        weight_lane = 32'h0;
        lane_mask = 32'h0;
        neuron_lane = 32'h0;
        if (lane_onehot[0]) begin
            weight_lane = weight_word[(32'h8 * 0)+:(8)];
            lane_mask = lane_masks$0;
            neuron_lane = membrane_rdata[(0 * 14)+:(14)];
        end
        if (lane_onehot[1]) begin
            weight_lane = weight_word[(32'h8 * 1)+:(8)];
            lane_mask = lane_masks$1;
            neuron_lane = membrane_rdata[(1 * 14)+:(14)];
        end
        if (lane_onehot[2]) begin
            weight_lane = weight_word[(32'h8 * 2)+:(8)];
            lane_mask = lane_masks$2;
            neuron_lane = membrane_rdata[(2 * 14)+:(14)];
        end
        if (lane_onehot[3]) begin
            weight_lane = weight_word[(32'h8 * 3)+:(8)];
            lane_mask = lane_masks$3;
            neuron_lane = membrane_rdata[(3 * 14)+:(14)];
        end
        if (lane_onehot[4]) begin
            weight_lane = weight_word[(32'h8 * 4)+:(8)];
            lane_mask = lane_masks$4;
            neuron_lane = membrane_rdata[(4 * 14)+:(14)];
        end
        if (lane_onehot[5]) begin
            weight_lane = weight_word[(32'h8 * 5)+:(8)];
            lane_mask = lane_masks$5;
            neuron_lane = membrane_rdata[(5 * 14)+:(14)];
        end
        if (lane_onehot[6]) begin
            weight_lane = weight_word[(32'h8 * 6)+:(8)];
            lane_mask = lane_masks$6;
            neuron_lane = membrane_rdata[(6 * 14)+:(14)];
        end
        if (lane_onehot[7]) begin
            weight_lane = weight_word[(32'h8 * 7)+:(8)];
            lane_mask = lane_masks$7;
            neuron_lane = membrane_rdata[(7 * 14)+:(14)];
        end
        write_byte = ((data$q) & 8'hff);
        write_bytes = ((write_byte) & 64'hffffffffffffffff) | (((write_byte) & 64'hffffffffffffffff) << 64'h8) | (((write_byte) & 64'hffffffffffffffff) << 64'h10) | (((write_byte) & 64'hffffffffffffffff) << 64'h18) | (((write_byte) & 64'hffffffffffffffff) << 64'h20) | (((write_byte) & 64'hffffffffffffffff) << 64'h28) | (((write_byte) & 64'hffffffffffffffff) << 64'h30) | (((write_byte) & 64'hffffffffffffffff) << 64'h38);
        merged_word = (rdata_q$q & ~lane_mask) | (write_bytes & lane_mask);
        wdata$work = merged_word;
        if (direct) begin
            wdata$work = pin_wdata;
        end
        weight_lane_wide = ((weight_lane) & 16'hffff);
        if (weight_lane[32'h7]) begin
            weight_lane_wide = ((weight_lane) & 16'hffff) | 64'hff00;
        end
        potential_wide = ((neuron_lane[(32'h0)+:(12)]) & 16'hffff);
        if (neuron_lane[12 - 32'h1]) begin
            potential_wide = ((neuron_lane[(32'h0)+:(12)]) & 16'hffff) | 64'hf000;
        end
        score_wide = ((score) & 32'hffffffff);
        if (score[22 - 32'h1]) begin
            score_wide = ((score) & 32'hffffffff) | score_fill;
        end
        busy_bit = 32'h0;
        if (busy) begin
            busy_bit = 32'h1;
        end
        register_value = 32'h0;
        if (column == 32'h0) begin
            register_value = ((hidden_shift$q) & 16'hffff);
        end
        if (column == 32'h1) begin
            register_value = ((output_shift$q) & 16'hffff);
        end
        if (column == 32'h2) begin
            register_value = rounding_state[(32'h0)+:(16)];
        end
        if (column == 32'h3) begin
            register_value = rounding_state[(32'h10)+:(16)];
        end
        if (column == 32'h4) begin
            register_value = seed$q[(32'h0)+:(16)];
        end
        if (column == 32'h5) begin
            register_value = seed$q[(32'h10)+:(16)];
        end
        if (column == 32'h6) begin
            register_value = ((decision) & 16'hffff);
        end
        if (column == 32'h7) begin
            register_value = ((busy_bit) & 16'hffff);
        end
        if (column == 32'h8) begin
            register_value = ignored;
        end
        if (~learning && (column < 32'h6)) begin
            register_value = 32'h0;
        end
        element_value = 32'h0;
        if ((select$q == 32'h0) || (select$q == 32'h1) || (select$q == 32'h2)) begin
            element_value = weight_lane_wide;
        end
        if (select$q == 32'h8) begin
            element_value = register_value;
        end
        if (select$q == 32'h9) begin
            element_value = score_wide[(32'h0)+:(16)];
            if (remainder$q[32'h0]) begin
                element_value = score_wide[(32'h10)+:(16)];
            end
        end
        if (select$q == 32'ha) begin
            element_value = potential_wide;
            if (remainder$q[32'h0]) begin
                element_value = ((neuron_lane[(12)+:(2)]) & 16'hffff);
            end
        end
        shift_value = ((data$q) & 5'h1f);
        if (data$q > max_shift) begin
            shift_value = 32'h10;
        end
        rounding_write$work = 1'b0;
        rounding_wdata$work = rounding_state;
        divided$work = steps$q == 32'h1;
        writing_request$work = is_write$q;
        if (take) begin
            is_write$d = pin_write;
            select$d = pin_select;
            word$d = pin_word;
            word_valid$d = word_ok;
            data$d = pin_wdata[(32'h0)+:(16)];
            dividend$d = pin_address;
            remainder$d = 32'h0;
            row_words$d = 32'h0;
            steps$d = divide_steps;
        end
        if (divide) begin
            dividend$d = dividend$q << 32'h1;
            remainder$d = trial;
            row_words$d = row_words$q << 32'h1;
            if (~difference[17 + 32'h1]) begin
                remainder$d = ((difference) & 18'h3ffff);
                row_words$d = (row_words$q << 32'h1) + row_groups;
            end
            steps$d = steps$q - 32'h1;
        end
        if (finish && is_write$q && (select$q == 32'h8) && learning) begin
            if (column == 32'h0) begin
                hidden_shift$d = shift_value;
            end
            if (column == 32'h1) begin
                output_shift$d = shift_value;
            end
            if (column == 32'h2) begin
                rounding_write$work = 1'b1;
                rounding_wdata$work = (rounding_state & 64'hffff0000) | ((data$q) & 32'hffffffff);
            end
            if (column == 32'h3) begin
                rounding_write$work = 1'b1;
                rounding_wdata$work = (rounding_state & 64'hffff) | (((data$q) & 32'hffffffff) << 64'h10);
            end
            if (column == 32'h4) begin
                seed$d = (seed$q & 64'hffff0000) | ((data$q) & 32'hffffffff);
            end
            if (column == 32'h5) begin
                seed$d = (seed$q & 64'hffff) | (((data$q) & 32'hffffffff) << 64'h10);
            end
        end
        if (finish && is_write$q && (select$q <= 32'h2)) begin
            rdata_q$d = weight_word;
        end
        if (finish && ~is_write$q) begin
            rvalid_q$d = 1'b1;
            rdata_q$d = ((element_value) & 64'hffffffffffffffff);
            if (word$q) begin
                rdata_q$d = 32'h0;
                if (word_valid$q) begin
                    rdata_q$d = weight_word;
                end
            end
        end
        if (reset) begin
            hidden_shift$d = reset_hidden_lr_shift;
            output_shift$d = reset_output_lr_shift;
            seed$d = reset_projection_seed;
            rvalid_q$d = 1'b0;
        end
        hidden_lr_shift = hidden_lr_shift$work;
        output_lr_shift = output_lr_shift$work;
        projection_seed = projection_seed$work;
        rvalid = rvalid$work;
        rdata = rdata$work;
        word_request = word_request$work;
        kernel_address = kernel_address$work;
        membrane_address = membrane_address$work;
        fc_address = fc_address$work;
        kernel_read = kernel_read$work;
        membrane_read = membrane_read$work;
        fc_read = fc_read$work;
        kernel_write = kernel_write$work;
        fc_write = fc_write$work;
        fc_select = fc_select$work;
        score_lane = score_lane$work;
        wdata = wdata$work;
        rounding_write = rounding_write$work;
        rounding_wdata = rounding_wdata$work;
        divided = divided$work;
        writing_request = writing_request$work;
    end

endmodule // spoon_board$core$cfg_port


module spoon_board$core$cfg_port$data(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$data


module spoon_board$core$cfg_port$dividend(d,q,clock);

    // Module arguments
    input wire  [16:0] d;
    output reg  [16:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 17'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$dividend


module spoon_board$core$cfg_port$hidden_shift(d,q,clock);

    // Module arguments
    input wire  [4:0] d;
    output reg  [4:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 5'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$hidden_shift


module spoon_board$core$cfg_port$is_write(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$is_write


module spoon_board$core$cfg_port$output_shift(d,q,clock);

    // Module arguments
    input wire  [4:0] d;
    output reg  [4:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 5'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$output_shift


module spoon_board$core$cfg_port$rdata_q(d,q,clock);

    // Module arguments
    input wire  [63:0] d;
    output reg  [63:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$rdata_q


module spoon_board$core$cfg_port$remainder(d,q,clock);

    // Module arguments
    input wire  [17:0] d;
    output reg  [17:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 18'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$remainder


module spoon_board$core$cfg_port$row_words(d,q,clock);

    // Module arguments
    input wire  [16:0] d;
    output reg  [16:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 17'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$row_words


module spoon_board$core$cfg_port$rvalid_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$rvalid_q


module spoon_board$core$cfg_port$seed(d,q,clock);

    // Module arguments
    input wire  [31:0] d;
    output reg  [31:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 32'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$seed


module spoon_board$core$cfg_port$select(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$select


module spoon_board$core$cfg_port$steps(d,q,clock);

    // Module arguments
    input wire  [4:0] d;
    output reg  [4:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 5'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$steps


module spoon_board$core$cfg_port$word(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$word


module spoon_board$core$cfg_port$word_valid(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_port$word_valid


module spoon_board$core$cfg_ready_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_ready_q


module spoon_board$core$cfg_shown(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$cfg_shown


module spoon_board$core$conv(clock,reset,start_event,x,y,channel,start_clear,busy,ignored,kernel_address,kernel_read,kernel_write,kernel_wdata,kernel_rdata,membrane_address,membrane_read,membrane_rdata);

    // Module arguments
    input wire  clock;
    input wire  reset;
    input wire  start_event;
    input wire  [7:0] x;
    input wire  [7:0] y;
    input wire  channel;
    input wire  start_clear;
    output reg  busy;
    reg  busy$work;
    output reg  ignored;
    reg  ignored$work;
    input wire  [6:0] kernel_address;
    input wire  kernel_read;
    input wire  kernel_write;
    input wire  [63:0] kernel_wdata;
    output reg  [63:0] kernel_rdata;
    reg  [63:0] kernel_rdata$work;
    input wire  [6:0] membrane_address;
    input wire  membrane_read;
    output reg  [111:0] membrane_rdata;
    reg  [111:0] membrane_rdata$work;

    // Constant declarations
    localparam [8:0] width = 9'b11100;
    localparam [8:0] height = 9'b11100;
    localparam [0:0] two_channels = 1'b0;
    localparam [7:0] last_group = 8'h1;
    localparam [6:0] channel_offset = 7'b1100010;
    localparam [6:0] kernel_column_step = 7'b110;
    localparam [6:0] kernel_row_step = 7'b101010;
    localparam [6:0] membrane_column_step = 7'b10;
    localparam [6:0] membrane_row_step = 7'b10000;
    localparam [6:0] last_membrane_word = 7'b1111111;

    // Enums
    localparam ConvState$Idle = 0;
    localparam ConvState$Walk = 1;
    localparam ConvState$Clear = 2;

    // Stub signals
    reg  [6:0] kernels$read_address;
    reg  kernels$read_enable;
    wire  [63:0] kernels$read_data;
    reg  kernels$write_enable;
    reg  [6:0] membranes$read_address;
    reg  membranes$read_enable;
    wire  [111:0] membranes$read_data;
    reg  [6:0] membranes$write_address;
    reg  membranes$write_enable;
    reg  [111:0] membranes$write_data;
    reg  [11:0] lanes$0$v;
    reg  [11:0] lanes$0$v$work;
    reg  [1:0] lanes$0$c;
    reg  [1:0] lanes$0$c$work;
    reg  [7:0] lanes$0$w;
    reg  [7:0] lanes$0$w$work;
    wire  [111:0] lanes$0$placed;
    reg  [11:0] lanes$1$v;
    reg  [11:0] lanes$1$v$work;
    reg  [1:0] lanes$1$c;
    reg  [1:0] lanes$1$c$work;
    reg  [7:0] lanes$1$w;
    reg  [7:0] lanes$1$w$work;
    wire  [111:0] lanes$1$placed;
    reg  [11:0] lanes$2$v;
    reg  [11:0] lanes$2$v$work;
    reg  [1:0] lanes$2$c;
    reg  [1:0] lanes$2$c$work;
    reg  [7:0] lanes$2$w;
    reg  [7:0] lanes$2$w$work;
    wire  [111:0] lanes$2$placed;
    reg  [11:0] lanes$3$v;
    reg  [11:0] lanes$3$v$work;
    reg  [1:0] lanes$3$c;
    reg  [1:0] lanes$3$c$work;
    reg  [7:0] lanes$3$w;
    reg  [7:0] lanes$3$w$work;
    wire  [111:0] lanes$3$placed;
    reg  [11:0] lanes$4$v;
    reg  [11:0] lanes$4$v$work;
    reg  [1:0] lanes$4$c;
    reg  [1:0] lanes$4$c$work;
    reg  [7:0] lanes$4$w;
    reg  [7:0] lanes$4$w$work;
    wire  [111:0] lanes$4$placed;
    reg  [11:0] lanes$5$v;
    reg  [11:0] lanes$5$v$work;
    reg  [1:0] lanes$5$c;
    reg  [1:0] lanes$5$c$work;
    reg  [7:0] lanes$5$w;
    reg  [7:0] lanes$5$w$work;
    wire  [111:0] lanes$5$placed;
    reg  [11:0] lanes$6$v;
    reg  [11:0] lanes$6$v$work;
    reg  [1:0] lanes$6$c;
    reg  [1:0] lanes$6$c$work;
    reg  [7:0] lanes$6$w;
    reg  [7:0] lanes$6$w$work;
    wire  [111:0] lanes$6$placed;
    reg  [11:0] lanes$7$v;
    reg  [11:0] lanes$7$v$work;
    reg  [1:0] lanes$7$c;
    reg  [1:0] lanes$7$c$work;
    reg  [7:0] lanes$7$w;
    reg  [7:0] lanes$7$w$work;
    wire  [111:0] lanes$7$placed;
    wire  [21:0] x_rom$data;
    wire  [21:0] y_rom$data;
    reg  [1:0] state$d;
    wire  [1:0] state$q;
    reg  [7:0] group$d;
    wire  [7:0] group$q;
    reg  [7:0] columns_left$d;
    wire  [7:0] columns_left$q;
    reg  [7:0] columns$d;
    wire  [7:0] columns$q;
    reg  [7:0] rows_left$d;
    wire  [7:0] rows_left$q;
    reg  [6:0] kernel_position$d;
    wire  [6:0] kernel_position$q;
    reg  [6:0] kernel_row$d;
    wire  [6:0] kernel_row$q;
    reg  [6:0] membrane_position$d;
    wire  [6:0] membrane_position$q;
    reg  [6:0] membrane_row$d;
    wire  [6:0] membrane_row$q;
    reg  write_pending$d;
    wire  write_pending$q;
    reg  [6:0] write_address$d;
    wire  [6:0] write_address$q;

    // Local signals
    reg  [111:0] packed$0;
    reg  [111:0] packed$1;
    reg  [111:0] packed$2;
    reg  [111:0] packed$3;
    reg  [111:0] packed$4;
    reg  [111:0] packed$5;
    reg  [111:0] packed$6;
    reg  [111:0] packed$7;
    reg  [111:0] packed$8;
    reg  in_field;
    reg  [6:0] issue_kernel;
    reg  [6:0] kernel_offset;
    reg  [6:0] membrane_offset;
    reg  [6:0] issue_membrane;

    // Sub module instances
    spoon_board$core$conv$kernels kernels(
        .clock(clock),
        .read_address(kernels$read_address),
        .read_enable(kernels$read_enable),
        .read_data(kernels$read_data),
        .write_address(kernel_address),
        .write_enable(kernels$write_enable),
        .write_data(kernel_wdata)
    );
    spoon_board$core$conv$membranes membranes(
        .clock(clock),
        .read_address(membranes$read_address),
        .read_enable(membranes$read_enable),
        .read_data(membranes$read_data),
        .write_address(membranes$write_address),
        .write_enable(membranes$write_enable),
        .write_data(membranes$write_data)
    );
    spoon_board$core$conv$lanes$0 lanes$0(
        .v(lanes$0$v),
        .c(lanes$0$c),
        .w(lanes$0$w),
        .placed(lanes$0$placed)
    );
    spoon_board$core$conv$lanes$1 lanes$1(
        .v(lanes$1$v),
        .c(lanes$1$c),
        .w(lanes$1$w),
        .placed(lanes$1$placed)
    );
    spoon_board$core$conv$lanes$2 lanes$2(
        .v(lanes$2$v),
        .c(lanes$2$c),
        .w(lanes$2$w),
        .placed(lanes$2$placed)
    );
    spoon_board$core$conv$lanes$3 lanes$3(
        .v(lanes$3$v),
        .c(lanes$3$c),
        .w(lanes$3$w),
        .placed(lanes$3$placed)
    );
    spoon_board$core$conv$lanes$4 lanes$4(
        .v(lanes$4$v),
        .c(lanes$4$c),
        .w(lanes$4$w),
        .placed(lanes$4$placed)
    );
    spoon_board$core$conv$lanes$5 lanes$5(
        .v(lanes$5$v),
        .c(lanes$5$c),
        .w(lanes$5$w),
        .placed(lanes$5$placed)
    );
    spoon_board$core$conv$lanes$6 lanes$6(
        .v(lanes$6$v),
        .c(lanes$6$c),
        .w(lanes$6$w),
        .placed(lanes$6$placed)
    );
    spoon_board$core$conv$lanes$7 lanes$7(
        .v(lanes$7$v),
        .c(lanes$7$c),
        .w(lanes$7$w),
        .placed(lanes$7$placed)
    );
    spoon_board$core$conv$x_rom x_rom(
        .address(x),
        .data(x_rom$data)
    );
    spoon_board$core$conv$y_rom y_rom(
        .address(y),
        .data(y_rom$data)
    );
    spoon_board$core$conv$state state(
        .d(state$d),
        .q(state$q),
        .clock(clock)
    );
    spoon_board$core$conv$group group(
        .d(group$d),
        .q(group$q),
        .clock(clock)
    );
    spoon_board$core$conv$columns_left columns_left(
        .d(columns_left$d),
        .q(columns_left$q),
        .clock(clock)
    );
    spoon_board$core$conv$columns columns(
        .d(columns$d),
        .q(columns$q),
        .clock(clock)
    );
    spoon_board$core$conv$rows_left rows_left(
        .d(rows_left$d),
        .q(rows_left$q),
        .clock(clock)
    );
    spoon_board$core$conv$kernel_position kernel_position(
        .d(kernel_position$d),
        .q(kernel_position$q),
        .clock(clock)
    );
    spoon_board$core$conv$kernel_row kernel_row(
        .d(kernel_row$d),
        .q(kernel_row$q),
        .clock(clock)
    );
    spoon_board$core$conv$membrane_position membrane_position(
        .d(membrane_position$d),
        .q(membrane_position$q),
        .clock(clock)
    );
    spoon_board$core$conv$membrane_row membrane_row(
        .d(membrane_row$d),
        .q(membrane_row$q),
        .clock(clock)
    );
    spoon_board$core$conv$write_pending write_pending(
        .d(write_pending$d),
        .q(write_pending$q),
        .clock(clock)
    );
    spoon_board$core$conv$write_address write_address(
        .d(write_address$d),
        .q(write_address$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        state$d = state$q;
        group$d = group$q;
        columns_left$d = columns_left$q;
        columns$d = columns$q;
        rows_left$d = rows_left$q;
        kernel_position$d = kernel_position$q;
        kernel_row$d = kernel_row$q;
        membrane_position$d = membrane_position$q;
        membrane_row$d = membrane_row$q;
        write_pending$d = write_pending$q;
        write_address$d = write_address$q;
        in_field = (((x) & 9'h1ff) < width) && (((y) & 9'h1ff) < height) && (two_channels || ~channel);
        ignored$work = start_event && (state$q == ConvState$Idle) && ~in_field;
        busy$work = (state$q != ConvState$Idle) || write_pending$q;
        kernel_offset = x_rom$data[(8)+:(7)] + y_rom$data[(8)+:(7)];
        membrane_offset = x_rom$data[(15)+:(7)] + y_rom$data[(15)+:(7)];
        issue_kernel = kernel_position$q + ((group$q) & 7'h7f);
        issue_membrane = membrane_position$q + ((group$q) & 7'h7f);
        kernels$read_address = kernel_address;
        kernels$read_enable = kernel_read;
        kernels$write_enable = kernel_write && ~busy$work;
        kernel_rdata$work = kernels$read_data;
        membranes$read_address = membrane_address;
        membranes$read_enable = membrane_read;
        membrane_rdata$work = membranes$read_data;
        packed$0 = 32'h0;
        lanes$0$v$work = membranes$read_data[(0 * 14)+:(12)];
        lanes$0$c$work = membranes$read_data[(0 * 14 + 12)+:(2)];
        lanes$0$w$work = kernels$read_data[(0 * 8)+:(8)];
        packed$1 = packed$0 | lanes$0$placed;
        lanes$1$v$work = membranes$read_data[(1 * 14)+:(12)];
        lanes$1$c$work = membranes$read_data[(1 * 14 + 12)+:(2)];
        lanes$1$w$work = kernels$read_data[(1 * 8)+:(8)];
        packed$2 = packed$1 | lanes$1$placed;
        lanes$2$v$work = membranes$read_data[(2 * 14)+:(12)];
        lanes$2$c$work = membranes$read_data[(2 * 14 + 12)+:(2)];
        lanes$2$w$work = kernels$read_data[(2 * 8)+:(8)];
        packed$3 = packed$2 | lanes$2$placed;
        lanes$3$v$work = membranes$read_data[(3 * 14)+:(12)];
        lanes$3$c$work = membranes$read_data[(3 * 14 + 12)+:(2)];
        lanes$3$w$work = kernels$read_data[(3 * 8)+:(8)];
        packed$4 = packed$3 | lanes$3$placed;
        lanes$4$v$work = membranes$read_data[(4 * 14)+:(12)];
        lanes$4$c$work = membranes$read_data[(4 * 14 + 12)+:(2)];
        lanes$4$w$work = kernels$read_data[(4 * 8)+:(8)];
        packed$5 = packed$4 | lanes$4$placed;
        lanes$5$v$work = membranes$read_data[(5 * 14)+:(12)];
        lanes$5$c$work = membranes$read_data[(5 * 14 + 12)+:(2)];
        lanes$5$w$work = kernels$read_data[(5 * 8)+:(8)];
        packed$6 = packed$5 | lanes$5$placed;
        lanes$6$v$work = membranes$read_data[(6 * 14)+:(12)];
        lanes$6$c$work = membranes$read_data[(6 * 14 + 12)+:(2)];
        lanes$6$w$work = kernels$read_data[(6 * 8)+:(8)];
        packed$7 = packed$6 | lanes$6$placed;
        lanes$7$v$work = membranes$read_data[(7 * 14)+:(12)];
        lanes$7$c$work = membranes$read_data[(7 * 14 + 12)+:(2)];
        lanes$7$w$work = kernels$read_data[(7 * 8)+:(8)];
        packed$8 = packed$7 | lanes$7$placed;
        membranes$write_address = write_address$q;
        membranes$write_data = packed$8;
        membranes$write_enable = write_pending$q;
        write_pending$d = 1'b0;
        case (state$q)
            ConvState$Idle:
                begin
                    if (start_clear) begin
                        state$d = ConvState$Clear;
                        write_address$d = 32'h0;
                    end
                    else if (start_event && in_field && |x_rom$data[(32'h0)+:(8)] && |y_rom$data[(32'h0)+:(8)]) begin
                        state$d = ConvState$Walk;
                        group$d = 32'h0;
                        columns$d = x_rom$data[(32'h0)+:(8)];
                        columns_left$d = x_rom$data[(32'h0)+:(8)];
                        rows_left$d = y_rom$data[(32'h0)+:(8)];
                        kernel_row$d = kernel_offset;
                        if (channel) begin
                            kernel_row$d = kernel_offset + channel_offset;
                        end
                        kernel_position$d = kernel_offset;
                        if (channel) begin
                            kernel_position$d = kernel_offset + channel_offset;
                        end
                        membrane_row$d = membrane_offset;
                        membrane_position$d = membrane_offset;
                    end
                end
            ConvState$Walk:
                begin
                    kernels$read_address = issue_kernel;
                    kernels$read_enable = 1'b1;
                    kernels$write_enable = 1'b0;
                    membranes$read_address = issue_membrane;
                    membranes$read_enable = 1'b1;
                    write_pending$d = 1'b1;
                    write_address$d = issue_membrane;
                    if (group$q != last_group) begin
                        group$d = group$q + 32'h1;
                    end
                    else begin
                        group$d = 32'h0;
                        if (columns_left$q != 32'h1) begin
                            columns_left$d = columns_left$q - 32'h1;
                            kernel_position$d = kernel_position$q - kernel_column_step;
                            membrane_position$d = membrane_position$q + membrane_column_step;
                        end
                        else if (rows_left$q != 32'h1) begin
                            rows_left$d = rows_left$q - 32'h1;
                            columns_left$d = columns$q;
                            kernel_row$d = kernel_row$q - kernel_row_step;
                            kernel_position$d = kernel_row$q - kernel_row_step;
                            membrane_row$d = membrane_row$q + membrane_row_step;
                            membrane_position$d = membrane_row$q + membrane_row_step;
                        end
                        else begin
                            state$d = ConvState$Idle;
                        end
                    end
                end
            ConvState$Clear:
                begin
                    membranes$write_enable = 1'b1;
                    membranes$write_address = write_address$q;
                    membranes$write_data = 32'h0;
                    write_address$d = write_address$q + 32'h1;
                    if (write_address$q == last_membrane_word) begin
                        state$d = ConvState$Idle;
                    end
                end
        endcase
        if (reset) begin
            state$d = ConvState$Idle;
            write_pending$d = 1'b0;
        end
        ignored = ignored$work;
        busy = busy$work;
        kernel_rdata = kernel_rdata$work;
        membrane_rdata = membrane_rdata$work;
        lanes$0$v = lanes$0$v$work;
        lanes$0$c = lanes$0$c$work;
        lanes$0$w = lanes$0$w$work;
        lanes$1$v = lanes$1$v$work;
        lanes$1$c = lanes$1$c$work;
        lanes$1$w = lanes$1$w$work;
        lanes$2$v = lanes$2$v$work;
        lanes$2$c = lanes$2$c$work;
        lanes$2$w = lanes$2$w$work;
        lanes$3$v = lanes$3$v$work;
        lanes$3$c = lanes$3$c$work;
        lanes$3$w = lanes$3$w$work;
        lanes$4$v = lanes$4$v$work;
        lanes$4$c = lanes$4$c$work;
        lanes$4$w = lanes$4$w$work;
        lanes$5$v = lanes$5$v$work;
        lanes$5$c = lanes$5$c$work;
        lanes$5$w = lanes$5$w$work;
        lanes$6$v = lanes$6$v$work;
        lanes$6$c = lanes$6$c$work;
        lanes$6$w = lanes$6$w$work;
        lanes$7$v = lanes$7$v$work;
        lanes$7$c = lanes$7$c$work;
        lanes$7$w = lanes$7$w$work;
    end

endmodule // spoon_board$core$conv


module spoon_board$core$conv$columns(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$columns


module spoon_board$core$conv$columns_left(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$columns_left


module spoon_board$core$conv$group(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$group


module spoon_board$core$conv$kernel_position(d,q,clock);

    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 7'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$kernel_position


module spoon_board$core$conv$kernel_row(d,q,clock);

    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 7'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$kernel_row


module spoon_board$core$conv$kernels(clock,read_address,read_enable,read_data,write_address,write_enable,write_data);

    // Module arguments
    input wire  clock;
    input wire  [6:0] read_address;
    input wire  read_enable;
    output reg  [63:0] read_data;
    input wire  [6:0] write_address;
    input wire  write_enable;
    input wire  [63:0] write_data;

    // Update code (custom)
    (* no_rw_check *)
    reg [63:0] mem [0:127];

    always @(posedge clock) begin
        if (write_enable) begin
            mem[write_address] <= write_data;
        end
        if (read_enable) begin
            read_data <= mem[read_address];
        end
    end
endmodule // spoon_board$core$conv$kernels


module spoon_board$core$conv$lanes$0(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h0;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$0


module spoon_board$core$conv$lanes$1(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'he;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$1


module spoon_board$core$conv$lanes$2(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h1c;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$2


module spoon_board$core$conv$lanes$3(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h2a;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$3


module spoon_board$core$conv$lanes$4(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h38;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$4


module spoon_board$core$conv$lanes$5(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h46;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$5


module spoon_board$core$conv$lanes$6(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h54;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$6


module spoon_board$core$conv$lanes$7(v,c,w,placed);

    // Module arguments
    input wire  [11:0] v;
    input wire  [1:0] c;
    input wire  [7:0] w;
    output reg  [111:0] placed;
    reg  [111:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h62;
    localparam [15:0] lo = 16'hf800;
    localparam [15:0] hi = 16'h7ff;
    localparam [15:0] threshold = 16'h20;
    localparam [1:0] count_max = 2'b11;

    // Local signals
    reg  [11:0] v_next;
    reg  [1:0] c_next;
    reg  fire;
    reg  [15:0] v_wide;
    reg  [15:0] w_wide;
    reg  [15:0] sum;
    reg  [15:0] sat;
    reg  [15:0] high;
    reg  [15:0] reset_value;

    // Update code
    always @(*) begin
        v_wide = ((v) & 16'hffff);
        if (v[12 - 32'h1]) begin
            v_wide = ((v) & 16'hffff) | 64'hf000;
        end
        w_wide = ((w) & 16'hffff);
        if (w[8 - 32'h1]) begin
            w_wide = ((w) & 16'hffff) | 64'hff00;
        end
        sum = v_wide + w_wide;
        high = sum & lo;
        sat = sum;
        if (|high && (high != lo)) begin
            sat = hi;
            if (sum[32'hf]) begin
                sat = lo;
            end
        end
        reset_value = sat - threshold;
        fire = ~reset_value[32'hf];
        v_next = ((sat) & 12'hfff);
        c_next = c;
        if (fire) begin
            v_next = ((reset_value) & 12'hfff);
            if (c != count_max) begin
                c_next = c + 32'h1;
            end
        end
        placed$work = (((v_next) & 112'hffffffffffffffffffffffffffff) | (((c_next) & 112'hffffffffffffffffffffffffffff) << 64'hc)) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$conv$lanes$7


module spoon_board$core$conv$membrane_position(d,q,clock);

    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 7'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$membrane_position


module spoon_board$core$conv$membrane_row(d,q,clock);

    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 7'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$membrane_row


module spoon_board$core$conv$membranes(clock,read_address,read_enable,read_data,write_address,write_enable,write_data);

    // Module arguments
    input wire  clock;
    input wire  [6:0] read_address;
    input wire  read_enable;
    output reg  [111:0] read_data;
    input wire  [6:0] write_address;
    input wire  write_enable;
    input wire  [111:0] write_data;

    // Update code (custom)
    (* no_rw_check *)
    reg [111:0] mem [0:127];

    always @(posedge clock) begin
        if (write_enable) begin
            mem[write_address] <= write_data;
        end
        if (read_enable) begin
            read_data <= mem[read_address];
        end
    end
endmodule // spoon_board$core$conv$membranes


module spoon_board$core$conv$rows_left(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$rows_left


module spoon_board$core$conv$state(d,q,clock);

    // Module arguments
    input wire  [1:0] d;
    output reg  [1:0] q;
    input wire  clock;

    // Enums

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$state


module spoon_board$core$conv$write_address(d,q,clock);

    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 7'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$write_address


module spoon_board$core$conv$write_pending(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$conv$write_pending


module spoon_board$core$conv$x_rom(address,data);

    // Module arguments
    input wire  [7:0] address;
    output reg  [21:0] data;

    // Update code (custom)
    always @*
    case (address)
        8'h0: data = 22'h1;
      8'h1: data = 22'h201;
      8'h2: data = 22'h401;
      8'h3: data = 22'h602;
      8'h4: data = 22'h802;
      8'h5: data = 22'ha02;
      8'h6: data = 22'hc03;
      8'h7: data = 22'h10802;
      8'h8: data = 22'h10a02;
      8'h9: data = 22'h10c03;
      8'ha: data = 22'h20802;
      8'hb: data = 22'h20a02;
      8'hc: data = 22'h20c03;
      8'hd: data = 22'h30802;
      8'he: data = 22'h30a02;
      8'hf: data = 22'h30c03;
      8'h10: data = 22'h40802;
      8'h11: data = 22'h40a02;
      8'h12: data = 22'h40c03;
      8'h13: data = 22'h50802;
      8'h14: data = 22'h50a02;
      8'h15: data = 22'h50c03;
      8'h16: data = 22'h60802;
      8'h17: data = 22'h60a02;
      8'h18: data = 22'h60c02;
      8'h19: data = 22'h70801;
      8'h1a: data = 22'h70a01;
      8'h1b: data = 22'h70c01;
      default: data = 22'h0;
    endcase

endmodule // spoon_board$core$conv$x_rom


module spoon_board$core$conv$y_rom(address,data);

    // Module arguments
    input wire  [7:0] address;
    output reg  [21:0] data;

    // Update code (custom)
    always @*
    case (address)
        8'h0: data = 22'h1;
      8'h1: data = 22'he01;
      8'h2: data = 22'h1c01;
      8'h3: data = 22'h2a02;
      8'h4: data = 22'h3802;
      8'h5: data = 22'h4602;
      8'h6: data = 22'h5403;
      8'h7: data = 22'h83802;
      8'h8: data = 22'h84602;
      8'h9: data = 22'h85403;
      8'ha: data = 22'h103802;
      8'hb: data = 22'h104602;
      8'hc: data = 22'h105403;
      8'hd: data = 22'h183802;
      8'he: data = 22'h184602;
      8'hf: data = 22'h185403;
      8'h10: data = 22'h203802;
      8'h11: data = 22'h204602;
      8'h12: data = 22'h205403;
      8'h13: data = 22'h283802;
      8'h14: data = 22'h284602;
      8'h15: data = 22'h285403;
      8'h16: data = 22'h303802;
      8'h17: data = 22'h304602;
      8'h18: data = 22'h305402;
      8'h19: data = 22'h383801;
      8'h1a: data = 22'h384601;
      8'h1b: data = 22'h385401;
      default: data = 22'h0;
    endcase

endmodule // spoon_board$core$conv$y_rom


module spoon_board$core$fc(clock,reset,start_clear,start,learn,label,hidden_lr_shift,output_lr_shift,projection_seed,busy,decision,input_read,input_address,input_word,mem_select,mem_address,mem_read,mem_write,mem_wdata,hidden_rdata,output_rdata,score_lane,score,rounding_write,rounding_wdata,rounding_state);

    // Module arguments
    input wire  clock;
    input wire  reset;
    input wire  start_clear;
    input wire  start;
    input wire  learn;
    input wire  [7:0] label;
    input wire  [4:0] hidden_lr_shift;
    input wire  [4:0] output_lr_shift;
    input wire  [31:0] projection_seed;
    output reg  busy;
    reg  busy$work;
    output reg  [7:0] decision;
    reg  [7:0] decision$work;
    output reg  input_read;
    reg  input_read$work;
    output reg  [6:0] input_address;
    reg  [6:0] input_address$work;
    input wire  [63:0] input_word;
    input wire  [1:0] mem_select;
    input wire  [13:0] mem_address;
    input wire  mem_read;
    input wire  mem_write;
    input wire  [63:0] mem_wdata;
    output reg  [63:0] hidden_rdata;
    reg  [63:0] hidden_rdata$work;
    output reg  [63:0] output_rdata;
    reg  [63:0] output_rdata$work;
    input wire  [2:0] score_lane;
    output reg  [21:0] score;
    reg  [21:0] score$work;
    input wire  rounding_write;
    input wire  [31:0] rounding_wdata;
    output reg  [31:0] rounding_state;
    reg  [31:0] rounding_state$work;

    // Constant declarations
    localparam [7:0] last_hidden_group = 8'hc;
    localparam [7:0] last_output_group = 8'h1;
    localparam [7:0] last_acc_word = 8'he;
    localparam [3:0] score_base = 4'hd;
    localparam [7:0] last_hidden_mask = 8'hf;
    localparam [7:0] last_class_mask = 8'h3;
    localparam [7:0] last_class = 8'h9;
    localparam [21:0] sign = 22'h200000;
    localparam [7:0] one_lane = 8'h1;
    localparam [16:0] one_17 = 17'b1;
    localparam [31:0] reset_rounding = 32'hdd5eed5;
    localparam [0:0] learning = 1'b1;

    // Enums
    localparam FcPhase$Idle = 0;
    localparam FcPhase$Clear = 1;
    localparam FcPhase$Pick = 2;
    localparam FcPhase$Row = 3;
    localparam FcPhase$RowRead = 4;
    localparam FcPhase$RowWrite = 5;
    localparam FcPhase$Activate = 6;
    localparam FcPhase$ActivateLast = 7;
    localparam FcPhase$DecideRead = 8;
    localparam FcPhase$DecideLane = 9;
    localparam FcPhase$RowMultiply = 10;
    localparam FcPhase$RowProduct = 11;
    localparam FcPhase$RowShift = 12;
    localparam FcPhase$RowRound = 13;
    localparam FcPhase$DecideEnd = 14;
    localparam FcPhase$RowHold = 15;
    localparam FcPass$Hidden = 0;
    localparam FcPass$Output = 1;
    localparam FcPass$LearnHidden = 2;
    localparam FcPass$LearnOutput = 3;

    // Stub signals
    reg  [13:0] hidden_weights$address;
    reg  hidden_weights$read_enable;
    wire  [63:0] hidden_weights$read_data;
    reg  hidden_weights$write_enable;
    reg  [63:0] hidden_weights$write_data;
    reg  [7:0] output_weights$address;
    reg  output_weights$read_enable;
    wire  [63:0] output_weights$read_data;
    reg  output_weights$write_enable;
    reg  [63:0] output_weights$write_data;
    reg  [3:0] accumulators$read_address;
    reg  accumulators$read_enable;
    wire  [175:0] accumulators$read_data;
    reg  [3:0] accumulators$write_address;
    reg  accumulators$write_enable;
    reg  [175:0] accumulators$write_data;
    reg  scan$start;
    reg  scan$start$work;
    reg  scan$layer;
    reg  scan$layer$work;
    reg  scan$allow_read;
    reg  scan$allow_read$work;
    wire  scan$read;
    wire  [6:0] scan$address;
    reg  [63:0] scan$word;
    reg  [63:0] scan$word$work;
    wire  scan$valid;
    wire  [7:0] scan$value;
    wire  [13:0] scan$row;
    reg  scan$take;
    reg  scan$take$work;
    wire  scan$done;
    reg  [15:0] lanes$0$a;
    reg  [15:0] lanes$0$a$work;
    reg  [7:0] lanes$0$weight;
    reg  [7:0] lanes$0$weight$work;
    reg  [8:0] lanes$0$error;
    reg  [8:0] lanes$0$error$work;
    reg  lanes$0$use_error;
    reg  lanes$0$use_error$work;
    reg  [21:0] lanes$0$acc;
    reg  [21:0] lanes$0$acc$work;
    wire  [15:0] lanes$0$product;
    wire  [175:0] lanes$0$placed_sum;
    reg  [15:0] lanes$1$a;
    reg  [15:0] lanes$1$a$work;
    reg  [7:0] lanes$1$weight;
    reg  [7:0] lanes$1$weight$work;
    reg  [8:0] lanes$1$error;
    reg  [8:0] lanes$1$error$work;
    reg  lanes$1$use_error;
    reg  lanes$1$use_error$work;
    reg  [21:0] lanes$1$acc;
    reg  [21:0] lanes$1$acc$work;
    wire  [15:0] lanes$1$product;
    wire  [175:0] lanes$1$placed_sum;
    reg  [15:0] lanes$2$a;
    reg  [15:0] lanes$2$a$work;
    reg  [7:0] lanes$2$weight;
    reg  [7:0] lanes$2$weight$work;
    reg  [8:0] lanes$2$error;
    reg  [8:0] lanes$2$error$work;
    reg  lanes$2$use_error;
    reg  lanes$2$use_error$work;
    reg  [21:0] lanes$2$acc;
    reg  [21:0] lanes$2$acc$work;
    wire  [15:0] lanes$2$product;
    wire  [175:0] lanes$2$placed_sum;
    reg  [15:0] lanes$3$a;
    reg  [15:0] lanes$3$a$work;
    reg  [7:0] lanes$3$weight;
    reg  [7:0] lanes$3$weight$work;
    reg  [8:0] lanes$3$error;
    reg  [8:0] lanes$3$error$work;
    reg  lanes$3$use_error;
    reg  lanes$3$use_error$work;
    reg  [21:0] lanes$3$acc;
    reg  [21:0] lanes$3$acc$work;
    wire  [15:0] lanes$3$product;
    wire  [175:0] lanes$3$placed_sum;
    reg  [15:0] lanes$4$a;
    reg  [15:0] lanes$4$a$work;
    reg  [7:0] lanes$4$weight;
    reg  [7:0] lanes$4$weight$work;
    reg  [8:0] lanes$4$error;
    reg  [8:0] lanes$4$error$work;
    reg  lanes$4$use_error;
    reg  lanes$4$use_error$work;
    reg  [21:0] lanes$4$acc;
    reg  [21:0] lanes$4$acc$work;
    wire  [15:0] lanes$4$product;
    wire  [175:0] lanes$4$placed_sum;
    reg  [15:0] lanes$5$a;
    reg  [15:0] lanes$5$a$work;
    reg  [7:0] lanes$5$weight;
    reg  [7:0] lanes$5$weight$work;
    reg  [8:0] lanes$5$error;
    reg  [8:0] lanes$5$error$work;
    reg  lanes$5$use_error;
    reg  lanes$5$use_error$work;
    reg  [21:0] lanes$5$acc;
    reg  [21:0] lanes$5$acc$work;
    wire  [15:0] lanes$5$product;
    wire  [175:0] lanes$5$placed_sum;
    reg  [15:0] lanes$6$a;
    reg  [15:0] lanes$6$a$work;
    reg  [7:0] lanes$6$weight;
    reg  [7:0] lanes$6$weight$work;
    reg  [8:0] lanes$6$error;
    reg  [8:0] lanes$6$error$work;
    reg  lanes$6$use_error;
    reg  lanes$6$use_error$work;
    reg  [21:0] lanes$6$acc;
    reg  [21:0] lanes$6$acc$work;
    wire  [15:0] lanes$6$product;
    wire  [175:0] lanes$6$placed_sum;
    reg  [15:0] lanes$7$a;
    reg  [15:0] lanes$7$a$work;
    reg  [7:0] lanes$7$weight;
    reg  [7:0] lanes$7$weight$work;
    reg  [8:0] lanes$7$error;
    reg  [8:0] lanes$7$error$work;
    reg  lanes$7$use_error;
    reg  lanes$7$use_error$work;
    reg  [21:0] lanes$7$acc;
    reg  [21:0] lanes$7$acc$work;
    wire  [15:0] lanes$7$product;
    wire  [175:0] lanes$7$placed_sum;
    reg  [21:0] activations$0$z;
    reg  [21:0] activations$0$z$work;
    reg  activations$0$sign;
    reg  activations$0$sign$work;
    reg  activations$0$valid;
    reg  activations$0$valid$work;
    wire  [175:0] activations$0$placed;
    wire  activations$0$modulated;
    reg  [21:0] activations$1$z;
    reg  [21:0] activations$1$z$work;
    reg  activations$1$sign;
    reg  activations$1$sign$work;
    reg  activations$1$valid;
    reg  activations$1$valid$work;
    wire  [175:0] activations$1$placed;
    wire  activations$1$modulated;
    reg  [21:0] activations$2$z;
    reg  [21:0] activations$2$z$work;
    reg  activations$2$sign;
    reg  activations$2$sign$work;
    reg  activations$2$valid;
    reg  activations$2$valid$work;
    wire  [175:0] activations$2$placed;
    wire  activations$2$modulated;
    reg  [21:0] activations$3$z;
    reg  [21:0] activations$3$z$work;
    reg  activations$3$sign;
    reg  activations$3$sign$work;
    reg  activations$3$valid;
    reg  activations$3$valid$work;
    wire  [175:0] activations$3$placed;
    wire  activations$3$modulated;
    reg  [21:0] activations$4$z;
    reg  [21:0] activations$4$z$work;
    reg  activations$4$sign;
    reg  activations$4$sign$work;
    reg  activations$4$valid;
    reg  activations$4$valid$work;
    wire  [175:0] activations$4$placed;
    wire  activations$4$modulated;
    reg  [21:0] activations$5$z;
    reg  [21:0] activations$5$z$work;
    reg  activations$5$sign;
    reg  activations$5$sign$work;
    reg  activations$5$valid;
    reg  activations$5$valid$work;
    wire  [175:0] activations$5$placed;
    wire  activations$5$modulated;
    reg  [21:0] activations$6$z;
    reg  [21:0] activations$6$z$work;
    reg  activations$6$sign;
    reg  activations$6$sign$work;
    reg  activations$6$valid;
    reg  activations$6$valid$work;
    wire  [175:0] activations$6$placed;
    wire  activations$6$modulated;
    reg  [21:0] activations$7$z;
    reg  [21:0] activations$7$z$work;
    reg  activations$7$sign;
    reg  activations$7$sign$work;
    reg  activations$7$valid;
    reg  activations$7$valid$work;
    wire  [175:0] activations$7$placed;
    wire  activations$7$modulated;
    reg  [21:0] errors$0$z;
    reg  [21:0] errors$0$z$work;
    reg  errors$0$target;
    reg  errors$0$target$work;
    wire  [8:0] errors$0$error;
    reg  [21:0] errors$1$z;
    reg  [21:0] errors$1$z$work;
    reg  errors$1$target;
    reg  errors$1$target$work;
    wire  [8:0] errors$1$error;
    reg  [21:0] errors$2$z;
    reg  [21:0] errors$2$z$work;
    reg  errors$2$target;
    reg  errors$2$target$work;
    wire  [8:0] errors$2$error;
    reg  [21:0] errors$3$z;
    reg  [21:0] errors$3$z$work;
    reg  errors$3$target;
    reg  errors$3$target$work;
    wire  [8:0] errors$3$error;
    reg  [21:0] errors$4$z;
    reg  [21:0] errors$4$z$work;
    reg  errors$4$target;
    reg  errors$4$target$work;
    wire  [8:0] errors$4$error;
    reg  [21:0] errors$5$z;
    reg  [21:0] errors$5$z$work;
    reg  errors$5$target;
    reg  errors$5$target$work;
    wire  [8:0] errors$5$error;
    reg  [21:0] errors$6$z;
    reg  [21:0] errors$6$z$work;
    reg  errors$6$target;
    reg  errors$6$target$work;
    wire  [8:0] errors$6$error;
    reg  [21:0] errors$7$z;
    reg  [21:0] errors$7$z$work;
    reg  errors$7$target;
    reg  errors$7$target$work;
    wire  [8:0] errors$7$error;
    reg  [7:0] updates$0$weight;
    reg  [7:0] updates$0$weight$work;
    reg  updates$0$output_layer;
    reg  updates$0$output_layer$work;
    reg  [1:0] updates$0$modulation;
    reg  [1:0] updates$0$modulation$work;
    reg  [7:0] updates$0$rounded;
    reg  [7:0] updates$0$rounded$work;
    reg  [9:0] updates$0$rounded_negated;
    reg  [9:0] updates$0$rounded_negated$work;
    reg  [9:0] updates$0$output_delta;
    reg  [9:0] updates$0$output_delta$work;
    reg  updates$0$load_delta;
    reg  updates$0$load_delta$work;
    wire  [63:0] updates$0$placed;
    reg  [7:0] updates$1$weight;
    reg  [7:0] updates$1$weight$work;
    reg  updates$1$output_layer;
    reg  updates$1$output_layer$work;
    reg  [1:0] updates$1$modulation;
    reg  [1:0] updates$1$modulation$work;
    reg  [7:0] updates$1$rounded;
    reg  [7:0] updates$1$rounded$work;
    reg  [9:0] updates$1$rounded_negated;
    reg  [9:0] updates$1$rounded_negated$work;
    reg  [9:0] updates$1$output_delta;
    reg  [9:0] updates$1$output_delta$work;
    reg  updates$1$load_delta;
    reg  updates$1$load_delta$work;
    wire  [63:0] updates$1$placed;
    reg  [7:0] updates$2$weight;
    reg  [7:0] updates$2$weight$work;
    reg  updates$2$output_layer;
    reg  updates$2$output_layer$work;
    reg  [1:0] updates$2$modulation;
    reg  [1:0] updates$2$modulation$work;
    reg  [7:0] updates$2$rounded;
    reg  [7:0] updates$2$rounded$work;
    reg  [9:0] updates$2$rounded_negated;
    reg  [9:0] updates$2$rounded_negated$work;
    reg  [9:0] updates$2$output_delta;
    reg  [9:0] updates$2$output_delta$work;
    reg  updates$2$load_delta;
    reg  updates$2$load_delta$work;
    wire  [63:0] updates$2$placed;
    reg  [7:0] updates$3$weight;
    reg  [7:0] updates$3$weight$work;
    reg  updates$3$output_layer;
    reg  updates$3$output_layer$work;
    reg  [1:0] updates$3$modulation;
    reg  [1:0] updates$3$modulation$work;
    reg  [7:0] updates$3$rounded;
    reg  [7:0] updates$3$rounded$work;
    reg  [9:0] updates$3$rounded_negated;
    reg  [9:0] updates$3$rounded_negated$work;
    reg  [9:0] updates$3$output_delta;
    reg  [9:0] updates$3$output_delta$work;
    reg  updates$3$load_delta;
    reg  updates$3$load_delta$work;
    wire  [63:0] updates$3$placed;
    reg  [7:0] updates$4$weight;
    reg  [7:0] updates$4$weight$work;
    reg  updates$4$output_layer;
    reg  updates$4$output_layer$work;
    reg  [1:0] updates$4$modulation;
    reg  [1:0] updates$4$modulation$work;
    reg  [7:0] updates$4$rounded;
    reg  [7:0] updates$4$rounded$work;
    reg  [9:0] updates$4$rounded_negated;
    reg  [9:0] updates$4$rounded_negated$work;
    reg  [9:0] updates$4$output_delta;
    reg  [9:0] updates$4$output_delta$work;
    reg  updates$4$load_delta;
    reg  updates$4$load_delta$work;
    wire  [63:0] updates$4$placed;
    reg  [7:0] updates$5$weight;
    reg  [7:0] updates$5$weight$work;
    reg  updates$5$output_layer;
    reg  updates$5$output_layer$work;
    reg  [1:0] updates$5$modulation;
    reg  [1:0] updates$5$modulation$work;
    reg  [7:0] updates$5$rounded;
    reg  [7:0] updates$5$rounded$work;
    reg  [9:0] updates$5$rounded_negated;
    reg  [9:0] updates$5$rounded_negated$work;
    reg  [9:0] updates$5$output_delta;
    reg  [9:0] updates$5$output_delta$work;
    reg  updates$5$load_delta;
    reg  updates$5$load_delta$work;
    wire  [63:0] updates$5$placed;
    reg  [7:0] updates$6$weight;
    reg  [7:0] updates$6$weight$work;
    reg  updates$6$output_layer;
    reg  updates$6$output_layer$work;
    reg  [1:0] updates$6$modulation;
    reg  [1:0] updates$6$modulation$work;
    reg  [7:0] updates$6$rounded;
    reg  [7:0] updates$6$rounded$work;
    reg  [9:0] updates$6$rounded_negated;
    reg  [9:0] updates$6$rounded_negated$work;
    reg  [9:0] updates$6$output_delta;
    reg  [9:0] updates$6$output_delta$work;
    reg  updates$6$load_delta;
    reg  updates$6$load_delta$work;
    wire  [63:0] updates$6$placed;
    reg  [7:0] updates$7$weight;
    reg  [7:0] updates$7$weight$work;
    reg  updates$7$output_layer;
    reg  updates$7$output_layer$work;
    reg  [1:0] updates$7$modulation;
    reg  [1:0] updates$7$modulation$work;
    reg  [7:0] updates$7$rounded;
    reg  [7:0] updates$7$rounded$work;
    reg  [9:0] updates$7$rounded_negated;
    reg  [9:0] updates$7$rounded_negated$work;
    reg  [9:0] updates$7$output_delta;
    reg  [9:0] updates$7$output_delta$work;
    reg  updates$7$load_delta;
    reg  updates$7$load_delta$work;
    wire  [63:0] updates$7$placed;
    reg  [15:0] output_round$product;
    reg  [15:0] output_round$product$work;
    reg  [15:0] output_round$round;
    reg  [15:0] output_round$round$work;
    wire  [9:0] output_round$delta;
    reg  projection$load;
    reg  projection$load$work;
    reg  [7:0] projection$label;
    reg  [7:0] projection$label$work;
    reg  projection$step;
    reg  projection$step$work;
    wire  [7:0] projection$signs;
    reg  [31:0] draw$state;
    reg  [31:0] draw$state$work;
    wire  [31:0] draw$after16;
    reg  [3:0] phase$d;
    wire  [3:0] phase$q;
    reg  [1:0] pass$d;
    wire  [1:0] pass$q;
    reg  learn_q$d;
    wire  learn_q$q;
    reg  [7:0] label_q$d;
    wire  [7:0] label_q$q;
    reg  [7:0] group$d;
    wire  [7:0] group$q;
    reg  [2:0] lane$d;
    wire  [2:0] lane$q;
    reg  [13:0] row$d;
    wire  [13:0] row$q;
    reg  [7:0] x$d;
    wire  [7:0] x$q;
    reg  [7:0] rounded$d;
    wire  [7:0] rounded$q;
    reg  [15:0] round$d;
    wire  [15:0] round$q;
    reg  mac_operands$d;
    wire  mac_operands$q;
    reg  [3:0] mac_operands_address$d;
    wire  [3:0] mac_operands_address$q;
    reg  mac_read$d;
    wire  mac_read$q;
    reg  [3:0] mac_read_address$d;
    wire  [3:0] mac_read_address$q;
    reg  mac_pending$d;
    wire  mac_pending$q;
    reg  [3:0] mac_address$d;
    wire  [3:0] mac_address$q;
    reg  act_pending$d;
    wire  act_pending$q;
    reg  [7:0] act_group$d;
    wire  [7:0] act_group$q;
    reg  any_modulated$d;
    wire  any_modulated$q;
    reg  any_error$d;
    wire  any_error$q;
    reg  [21:0] best$d;
    wire  [21:0] best$q;
    reg  [7:0] best_class$d;
    wire  [7:0] best_class$q;
    reg  [7:0] class_q$d;
    wire  [7:0] class_q$q;
    reg  [31:0] rounding$d;
    wire  [31:0] rounding$q;
    reg  [63:0] weight_held$d;
    wire  [63:0] weight_held$q;
    reg  [15:0] modulation_held$d;
    wire  [15:0] modulation_held$q;
    reg  [7:0] shift_lanes$d;
    wire  [7:0] shift_lanes$q;

    // Local signals
    reg  output_layer;
    reg  stall;
    reg  [175:0] acc_data;
    reg  [63:0] weight_data;
    reg  [13:0] weight_address;
    reg  [3:0] acc_base;
    reg  [3:0] acc_address;
    reg  last_row_group;
    reg  [15:0] x_wide;
    reg  [15:0] lane_a;
    reg  [4:0] shift;
    reg  [16:0] shift_mask;
    reg  [15:0] draw_round;
    reg  [17:0] round_sum;
    reg  [17:0] rounded_now;
    reg  [9:0] rounded_negated;
    reg  [7:0] hidden_mask;
    reg  [7:0] class_mask;
    reg  [7:0] target;
    reg  [7:0] modulated;
    reg  [7:0] erring;
    reg  errors_now;
    reg  [7:0] lane_onehot;
    reg  [21:0] lane_value;
    reg  [7:0] class_index;
    reg  better;
    reg  [7:0] winner;
    reg  [175:0] sums$0;
    reg  [175:0] sums$1;
    reg  [175:0] sums$2;
    reg  [175:0] sums$3;
    reg  [175:0] sums$4;
    reg  [175:0] sums$5;
    reg  [175:0] sums$6;
    reg  [175:0] sums$7;
    reg  [175:0] sums$8;
    reg  [175:0] activation_words$0;
    reg  [175:0] activation_words$1;
    reg  [175:0] activation_words$2;
    reg  [175:0] activation_words$3;
    reg  [175:0] activation_words$4;
    reg  [175:0] activation_words$5;
    reg  [175:0] activation_words$6;
    reg  [175:0] activation_words$7;
    reg  [175:0] activation_words$8;
    reg  [63:0] updated$0;
    reg  [63:0] updated$1;
    reg  [63:0] updated$2;
    reg  [63:0] updated$3;
    reg  [63:0] updated$4;
    reg  [63:0] updated$5;
    reg  [63:0] updated$6;
    reg  [63:0] updated$7;
    reg  [63:0] updated$8;

    // Sub module instances
    spoon_board$core$fc$hidden_weights hidden_weights(
        .clock(clock),
        .address(hidden_weights$address),
        .read_enable(hidden_weights$read_enable),
        .read_data(hidden_weights$read_data),
        .write_enable(hidden_weights$write_enable),
        .write_data(hidden_weights$write_data)
    );
    spoon_board$core$fc$output_weights output_weights(
        .clock(clock),
        .address(output_weights$address),
        .read_enable(output_weights$read_enable),
        .read_data(output_weights$read_data),
        .write_enable(output_weights$write_enable),
        .write_data(output_weights$write_data)
    );
    spoon_board$core$fc$accumulators accumulators(
        .clock(clock),
        .read_address(accumulators$read_address),
        .read_enable(accumulators$read_enable),
        .read_data(accumulators$read_data),
        .write_address(accumulators$write_address),
        .write_enable(accumulators$write_enable),
        .write_data(accumulators$write_data)
    );
    spoon_board$core$fc$scan scan(
        .clock(clock),
        .reset(reset),
        .start(scan$start),
        .layer(scan$layer),
        .allow_read(scan$allow_read),
        .read(scan$read),
        .address(scan$address),
        .word(scan$word),
        .valid(scan$valid),
        .value(scan$value),
        .row(scan$row),
        .take(scan$take),
        .done(scan$done)
    );
    spoon_board$core$fc$lanes$0 lanes$0(
        .clock(clock),
        .a(lanes$0$a),
        .weight(lanes$0$weight),
        .error(lanes$0$error),
        .use_error(lanes$0$use_error),
        .acc(lanes$0$acc),
        .product(lanes$0$product),
        .placed_sum(lanes$0$placed_sum)
    );
    spoon_board$core$fc$lanes$1 lanes$1(
        .clock(clock),
        .a(lanes$1$a),
        .weight(lanes$1$weight),
        .error(lanes$1$error),
        .use_error(lanes$1$use_error),
        .acc(lanes$1$acc),
        .product(lanes$1$product),
        .placed_sum(lanes$1$placed_sum)
    );
    spoon_board$core$fc$lanes$2 lanes$2(
        .clock(clock),
        .a(lanes$2$a),
        .weight(lanes$2$weight),
        .error(lanes$2$error),
        .use_error(lanes$2$use_error),
        .acc(lanes$2$acc),
        .product(lanes$2$product),
        .placed_sum(lanes$2$placed_sum)
    );
    spoon_board$core$fc$lanes$3 lanes$3(
        .clock(clock),
        .a(lanes$3$a),
        .weight(lanes$3$weight),
        .error(lanes$3$error),
        .use_error(lanes$3$use_error),
        .acc(lanes$3$acc),
        .product(lanes$3$product),
        .placed_sum(lanes$3$placed_sum)
    );
    spoon_board$core$fc$lanes$4 lanes$4(
        .clock(clock),
        .a(lanes$4$a),
        .weight(lanes$4$weight),
        .error(lanes$4$error),
        .use_error(lanes$4$use_error),
        .acc(lanes$4$acc),
        .product(lanes$4$product),
        .placed_sum(lanes$4$placed_sum)
    );
    spoon_board$core$fc$lanes$5 lanes$5(
        .clock(clock),
        .a(lanes$5$a),
        .weight(lanes$5$weight),
        .error(lanes$5$error),
        .use_error(lanes$5$use_error),
        .acc(lanes$5$acc),
        .product(lanes$5$product),
        .placed_sum(lanes$5$placed_sum)
    );
    spoon_board$core$fc$lanes$6 lanes$6(
        .clock(clock),
        .a(lanes$6$a),
        .weight(lanes$6$weight),
        .error(lanes$6$error),
        .use_error(lanes$6$use_error),
        .acc(lanes$6$acc),
        .product(lanes$6$product),
        .placed_sum(lanes$6$placed_sum)
    );
    spoon_board$core$fc$lanes$7 lanes$7(
        .clock(clock),
        .a(lanes$7$a),
        .weight(lanes$7$weight),
        .error(lanes$7$error),
        .use_error(lanes$7$use_error),
        .acc(lanes$7$acc),
        .product(lanes$7$product),
        .placed_sum(lanes$7$placed_sum)
    );
    spoon_board$core$fc$activations$0 activations$0(
        .z(activations$0$z),
        .sign(activations$0$sign),
        .valid(activations$0$valid),
        .placed(activations$0$placed),
        .modulated(activations$0$modulated)
    );
    spoon_board$core$fc$activations$1 activations$1(
        .z(activations$1$z),
        .sign(activations$1$sign),
        .valid(activations$1$valid),
        .placed(activations$1$placed),
        .modulated(activations$1$modulated)
    );
    spoon_board$core$fc$activations$2 activations$2(
        .z(activations$2$z),
        .sign(activations$2$sign),
        .valid(activations$2$valid),
        .placed(activations$2$placed),
        .modulated(activations$2$modulated)
    );
    spoon_board$core$fc$activations$3 activations$3(
        .z(activations$3$z),
        .sign(activations$3$sign),
        .valid(activations$3$valid),
        .placed(activations$3$placed),
        .modulated(activations$3$modulated)
    );
    spoon_board$core$fc$activations$4 activations$4(
        .z(activations$4$z),
        .sign(activations$4$sign),
        .valid(activations$4$valid),
        .placed(activations$4$placed),
        .modulated(activations$4$modulated)
    );
    spoon_board$core$fc$activations$5 activations$5(
        .z(activations$5$z),
        .sign(activations$5$sign),
        .valid(activations$5$valid),
        .placed(activations$5$placed),
        .modulated(activations$5$modulated)
    );
    spoon_board$core$fc$activations$6 activations$6(
        .z(activations$6$z),
        .sign(activations$6$sign),
        .valid(activations$6$valid),
        .placed(activations$6$placed),
        .modulated(activations$6$modulated)
    );
    spoon_board$core$fc$activations$7 activations$7(
        .z(activations$7$z),
        .sign(activations$7$sign),
        .valid(activations$7$valid),
        .placed(activations$7$placed),
        .modulated(activations$7$modulated)
    );
    spoon_board$core$fc$errors$0 errors$0(
        .z(errors$0$z),
        .target(errors$0$target),
        .error(errors$0$error)
    );
    spoon_board$core$fc$errors$1 errors$1(
        .z(errors$1$z),
        .target(errors$1$target),
        .error(errors$1$error)
    );
    spoon_board$core$fc$errors$2 errors$2(
        .z(errors$2$z),
        .target(errors$2$target),
        .error(errors$2$error)
    );
    spoon_board$core$fc$errors$3 errors$3(
        .z(errors$3$z),
        .target(errors$3$target),
        .error(errors$3$error)
    );
    spoon_board$core$fc$errors$4 errors$4(
        .z(errors$4$z),
        .target(errors$4$target),
        .error(errors$4$error)
    );
    spoon_board$core$fc$errors$5 errors$5(
        .z(errors$5$z),
        .target(errors$5$target),
        .error(errors$5$error)
    );
    spoon_board$core$fc$errors$6 errors$6(
        .z(errors$6$z),
        .target(errors$6$target),
        .error(errors$6$error)
    );
    spoon_board$core$fc$errors$7 errors$7(
        .z(errors$7$z),
        .target(errors$7$target),
        .error(errors$7$error)
    );
    spoon_board$core$fc$updates$0 updates$0(
        .clock(clock),
        .weight(updates$0$weight),
        .output_layer(updates$0$output_layer),
        .modulation(updates$0$modulation),
        .rounded(updates$0$rounded),
        .rounded_negated(updates$0$rounded_negated),
        .output_delta(updates$0$output_delta),
        .load_delta(updates$0$load_delta),
        .placed(updates$0$placed)
    );
    spoon_board$core$fc$updates$1 updates$1(
        .clock(clock),
        .weight(updates$1$weight),
        .output_layer(updates$1$output_layer),
        .modulation(updates$1$modulation),
        .rounded(updates$1$rounded),
        .rounded_negated(updates$1$rounded_negated),
        .output_delta(updates$1$output_delta),
        .load_delta(updates$1$load_delta),
        .placed(updates$1$placed)
    );
    spoon_board$core$fc$updates$2 updates$2(
        .clock(clock),
        .weight(updates$2$weight),
        .output_layer(updates$2$output_layer),
        .modulation(updates$2$modulation),
        .rounded(updates$2$rounded),
        .rounded_negated(updates$2$rounded_negated),
        .output_delta(updates$2$output_delta),
        .load_delta(updates$2$load_delta),
        .placed(updates$2$placed)
    );
    spoon_board$core$fc$updates$3 updates$3(
        .clock(clock),
        .weight(updates$3$weight),
        .output_layer(updates$3$output_layer),
        .modulation(updates$3$modulation),
        .rounded(updates$3$rounded),
        .rounded_negated(updates$3$rounded_negated),
        .output_delta(updates$3$output_delta),
        .load_delta(updates$3$load_delta),
        .placed(updates$3$placed)
    );
    spoon_board$core$fc$updates$4 updates$4(
        .clock(clock),
        .weight(updates$4$weight),
        .output_layer(updates$4$output_layer),
        .modulation(updates$4$modulation),
        .rounded(updates$4$rounded),
        .rounded_negated(updates$4$rounded_negated),
        .output_delta(updates$4$output_delta),
        .load_delta(updates$4$load_delta),
        .placed(updates$4$placed)
    );
    spoon_board$core$fc$updates$5 updates$5(
        .clock(clock),
        .weight(updates$5$weight),
        .output_layer(updates$5$output_layer),
        .modulation(updates$5$modulation),
        .rounded(updates$5$rounded),
        .rounded_negated(updates$5$rounded_negated),
        .output_delta(updates$5$output_delta),
        .load_delta(updates$5$load_delta),
        .placed(updates$5$placed)
    );
    spoon_board$core$fc$updates$6 updates$6(
        .clock(clock),
        .weight(updates$6$weight),
        .output_layer(updates$6$output_layer),
        .modulation(updates$6$modulation),
        .rounded(updates$6$rounded),
        .rounded_negated(updates$6$rounded_negated),
        .output_delta(updates$6$output_delta),
        .load_delta(updates$6$load_delta),
        .placed(updates$6$placed)
    );
    spoon_board$core$fc$updates$7 updates$7(
        .clock(clock),
        .weight(updates$7$weight),
        .output_layer(updates$7$output_layer),
        .modulation(updates$7$modulation),
        .rounded(updates$7$rounded),
        .rounded_negated(updates$7$rounded_negated),
        .output_delta(updates$7$output_delta),
        .load_delta(updates$7$load_delta),
        .placed(updates$7$placed)
    );
    spoon_board$core$fc$output_round output_round(
        .clock(clock),
        .product(output_round$product),
        .round(output_round$round),
        .shift(output_lr_shift),
        .delta(output_round$delta)
    );
    spoon_board$core$fc$projection projection(
        .clock(clock),
        .load(projection$load),
        .label(projection$label),
        .base(projection_seed),
        .step(projection$step),
        .signs(projection$signs)
    );
    spoon_board$core$fc$draw draw(
        .state(draw$state),
        .after16(draw$after16)
    );
    spoon_board$core$fc$phase phase(
        .d(phase$d),
        .q(phase$q),
        .clock(clock)
    );
    spoon_board$core$fc$pass pass(
        .d(pass$d),
        .q(pass$q),
        .clock(clock)
    );
    spoon_board$core$fc$learn_q learn_q(
        .d(learn_q$d),
        .q(learn_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$label_q label_q(
        .d(label_q$d),
        .q(label_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$group group(
        .d(group$d),
        .q(group$q),
        .clock(clock)
    );
    spoon_board$core$fc$lane lane(
        .d(lane$d),
        .q(lane$q),
        .clock(clock)
    );
    spoon_board$core$fc$row row(
        .d(row$d),
        .q(row$q),
        .clock(clock)
    );
    spoon_board$core$fc$x x(
        .d(x$d),
        .q(x$q),
        .clock(clock)
    );
    spoon_board$core$fc$rounded rounded(
        .d(rounded$d),
        .q(rounded$q),
        .clock(clock)
    );
    spoon_board$core$fc$round round(
        .d(round$d),
        .q(round$q),
        .clock(clock)
    );
    spoon_board$core$fc$mac_operands mac_operands(
        .d(mac_operands$d),
        .q(mac_operands$q),
        .clock(clock)
    );
    spoon_board$core$fc$mac_operands_address mac_operands_address(
        .d(mac_operands_address$d),
        .q(mac_operands_address$q),
        .clock(clock)
    );
    spoon_board$core$fc$mac_read mac_read(
        .d(mac_read$d),
        .q(mac_read$q),
        .clock(clock)
    );
    spoon_board$core$fc$mac_read_address mac_read_address(
        .d(mac_read_address$d),
        .q(mac_read_address$q),
        .clock(clock)
    );
    spoon_board$core$fc$mac_pending mac_pending(
        .d(mac_pending$d),
        .q(mac_pending$q),
        .clock(clock)
    );
    spoon_board$core$fc$mac_address mac_address(
        .d(mac_address$d),
        .q(mac_address$q),
        .clock(clock)
    );
    spoon_board$core$fc$act_pending act_pending(
        .d(act_pending$d),
        .q(act_pending$q),
        .clock(clock)
    );
    spoon_board$core$fc$act_group act_group(
        .d(act_group$d),
        .q(act_group$q),
        .clock(clock)
    );
    spoon_board$core$fc$any_modulated any_modulated(
        .d(any_modulated$d),
        .q(any_modulated$q),
        .clock(clock)
    );
    spoon_board$core$fc$any_error any_error(
        .d(any_error$d),
        .q(any_error$q),
        .clock(clock)
    );
    spoon_board$core$fc$best best(
        .d(best$d),
        .q(best$q),
        .clock(clock)
    );
    spoon_board$core$fc$best_class best_class(
        .d(best_class$d),
        .q(best_class$q),
        .clock(clock)
    );
    spoon_board$core$fc$class_q class_q(
        .d(class_q$d),
        .q(class_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$rounding rounding(
        .d(rounding$d),
        .q(rounding$q),
        .clock(clock)
    );
    spoon_board$core$fc$weight_held weight_held(
        .d(weight_held$d),
        .q(weight_held$q),
        .clock(clock)
    );
    spoon_board$core$fc$modulation_held modulation_held(
        .d(modulation_held$d),
        .q(modulation_held$q),
        .clock(clock)
    );
    spoon_board$core$fc$shift_lanes shift_lanes(
        .d(shift_lanes$d),
        .q(shift_lanes$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        phase$d = phase$q;
        pass$d = pass$q;
        learn_q$d = learn_q$q;
        label_q$d = label_q$q;
        group$d = group$q;
        lane$d = lane$q;
        row$d = row$q;
        x$d = x$q;
        rounded$d = rounded$q;
        round$d = round$q;
        mac_operands$d = mac_operands$q;
        mac_operands_address$d = mac_operands_address$q;
        mac_read$d = mac_read$q;
        mac_read_address$d = mac_read_address$q;
        mac_pending$d = mac_pending$q;
        mac_address$d = mac_address$q;
        act_pending$d = act_pending$q;
        act_group$d = act_group$q;
        any_modulated$d = any_modulated$q;
        any_error$d = any_error$q;
        best$d = best$q;
        best_class$d = best_class$q;
        class_q$d = class_q$q;
        rounding$d = rounding$q;
        shift_lanes$d = shift_lanes$q;
        weight_held$d = weight_held$q;
        modulation_held$d = modulation_held$q;
        busy$work = phase$q != FcPhase$Idle;
        decision$work = class_q$q;
        rounding_state$work = rounding$q;
        output_layer = (pass$q == FcPass$Output) || (pass$q == FcPass$LearnOutput);
        acc_data = accumulators$read_data;
        weight_data = hidden_weights$read_data;
        last_row_group = group$q == last_hidden_group;
        acc_base = 32'h0;
        if (output_layer) begin
            weight_data = output_weights$read_data;
            last_row_group = group$q == last_output_group;
            acc_base = score_base;
        end
        weight_held$d = weight_data;
        modulation_held$d = acc_data[(64)+:(16)];
        hidden_rdata$work = hidden_weights$read_data;
        output_rdata$work = output_weights$read_data;
        weight_address = row$q + ((group$q) & 14'h3fff);
        acc_address = acc_base + ((group$q) & 4'hf);
        scan$start$work = 1'b0;
        scan$layer$work = 1'b0;
        scan$take$work = 1'b0;
        stall = (mac_operands$q || mac_read$q) && (output_layer || scan$done);
        scan$allow_read$work = (phase$q == FcPhase$Pick) && ~stall;
        scan$word$work = input_word;
        if (output_layer) begin
            scan$word$work = acc_data[(32'h0)+:(64)];
        end
        input_read$work = scan$read && ~output_layer;
        input_address$work = scan$address;
        x_wide = ((x$q) & 16'hffff);
        if (x$q[8 - 32'h1]) begin
            x_wide = ((x$q) & 16'hffff) | 64'hff00;
        end
        lane_a = x_wide;
        if (pass$q == FcPass$LearnOutput) begin
            lane_a = ~x_wide + 32'h1;
        end
        draw$state$work = rounding$q;
        shift = hidden_lr_shift;
        if (output_layer) begin
            shift = output_lr_shift;
        end
        shift_mask = (one_17 << shift) - 32'h1;
        draw_round = ((draw$after16) & 16'hffff) & ((shift_mask) & 16'hffff);
        round_sum = ((x$q) & 18'h3ffff) + ((round$q) & 18'h3ffff);
        rounded_now = round_sum >> shift;
        rounded_negated = ~((rounded$q) & 10'h3ff) + 32'h1;
        hidden_mask = 32'hff;
        if (act_group$q == last_hidden_group) begin
            hidden_mask = last_hidden_mask;
        end
        class_mask = 32'hff;
        if (group$q == last_output_group) begin
            class_mask = last_class_mask;
        end
        target = 32'h0;
        if ((label_q$q >> 32'h3) == group$q) begin
            target = one_lane << (label_q$q & 32'h7);
        end
        lane_onehot = one_lane << lane$q;
        sums$0 = 32'h0;
        activation_words$0 = 32'h0;
        updated$0 = 32'h0;
        modulated = 32'h0;
        erring = 32'h0;
        lane_value = 32'h0;
        output_round$product$work = 32'h0;
        shift_lanes$d = 32'h0;
        if (phase$q == FcPhase$RowShift) begin
            shift_lanes$d = lane_onehot;
        end
        output_round$round$work = round$q;
        projection$label$work = label_q$q;
        lanes$0$a$work = lane_a;
        lanes$0$weight$work = weight_data[(0 * 8)+:(8)];
        lanes$0$acc$work = acc_data[(0 * 22)+:(22)];
        lanes$0$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$0$z$work = acc_data[(0 * 22)+:(22)];
        errors$0$target$work = target[0];
        lanes$0$error$work = 32'h0;
        if (class_mask[0] && learning) begin
            lanes$0$error$work = errors$0$error;
        end
        erring = (erring & ~(1 << (0)) | ((|lanes$0$error$work) << (0)));
        sums$1 = sums$0 | lanes$0$placed_sum;
        activations$0$z$work = acc_data[(0 * 22)+:(22)];
        activations$0$sign$work = projection$signs[0];
        activations$0$valid$work = hidden_mask[0];
        modulated = (modulated & ~(1 << (0)) | ((activations$0$modulated && learning) << (0)));
        activation_words$1 = activation_words$0 | activations$0$placed;
        updates$0$weight$work = weight_held$q[(0 * 8)+:(8)];
        updates$0$output_layer$work = output_layer;
        updates$0$modulation$work = modulation_held$q[(32'h2 * 0)+:(2)];
        updates$0$rounded$work = rounded$q;
        updates$0$rounded_negated$work = rounded_negated;
        updates$0$output_delta$work = output_round$delta;
        updates$0$load_delta$work = shift_lanes$q[0];
        updated$1 = updated$0 | updates$0$placed;
        if (lane_onehot[0]) begin
            lane_value = acc_data[(0 * 22)+:(22)];
            output_round$product$work = lanes$0$product;
        end
        lanes$1$a$work = lane_a;
        lanes$1$weight$work = weight_data[(1 * 8)+:(8)];
        lanes$1$acc$work = acc_data[(1 * 22)+:(22)];
        lanes$1$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$1$z$work = acc_data[(1 * 22)+:(22)];
        errors$1$target$work = target[1];
        lanes$1$error$work = 32'h0;
        if (class_mask[1] && learning) begin
            lanes$1$error$work = errors$1$error;
        end
        erring = (erring & ~(1 << (1)) | ((|lanes$1$error$work) << (1)));
        sums$2 = sums$1 | lanes$1$placed_sum;
        activations$1$z$work = acc_data[(1 * 22)+:(22)];
        activations$1$sign$work = projection$signs[1];
        activations$1$valid$work = hidden_mask[1];
        modulated = (modulated & ~(1 << (1)) | ((activations$1$modulated && learning) << (1)));
        activation_words$2 = activation_words$1 | activations$1$placed;
        updates$1$weight$work = weight_held$q[(1 * 8)+:(8)];
        updates$1$output_layer$work = output_layer;
        updates$1$modulation$work = modulation_held$q[(32'h2 * 1)+:(2)];
        updates$1$rounded$work = rounded$q;
        updates$1$rounded_negated$work = rounded_negated;
        updates$1$output_delta$work = output_round$delta;
        updates$1$load_delta$work = shift_lanes$q[1];
        updated$2 = updated$1 | updates$1$placed;
        if (lane_onehot[1]) begin
            lane_value = acc_data[(1 * 22)+:(22)];
            output_round$product$work = lanes$1$product;
        end
        lanes$2$a$work = lane_a;
        lanes$2$weight$work = weight_data[(2 * 8)+:(8)];
        lanes$2$acc$work = acc_data[(2 * 22)+:(22)];
        lanes$2$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$2$z$work = acc_data[(2 * 22)+:(22)];
        errors$2$target$work = target[2];
        lanes$2$error$work = 32'h0;
        if (class_mask[2] && learning) begin
            lanes$2$error$work = errors$2$error;
        end
        erring = (erring & ~(1 << (2)) | ((|lanes$2$error$work) << (2)));
        sums$3 = sums$2 | lanes$2$placed_sum;
        activations$2$z$work = acc_data[(2 * 22)+:(22)];
        activations$2$sign$work = projection$signs[2];
        activations$2$valid$work = hidden_mask[2];
        modulated = (modulated & ~(1 << (2)) | ((activations$2$modulated && learning) << (2)));
        activation_words$3 = activation_words$2 | activations$2$placed;
        updates$2$weight$work = weight_held$q[(2 * 8)+:(8)];
        updates$2$output_layer$work = output_layer;
        updates$2$modulation$work = modulation_held$q[(32'h2 * 2)+:(2)];
        updates$2$rounded$work = rounded$q;
        updates$2$rounded_negated$work = rounded_negated;
        updates$2$output_delta$work = output_round$delta;
        updates$2$load_delta$work = shift_lanes$q[2];
        updated$3 = updated$2 | updates$2$placed;
        if (lane_onehot[2]) begin
            lane_value = acc_data[(2 * 22)+:(22)];
            output_round$product$work = lanes$2$product;
        end
        lanes$3$a$work = lane_a;
        lanes$3$weight$work = weight_data[(3 * 8)+:(8)];
        lanes$3$acc$work = acc_data[(3 * 22)+:(22)];
        lanes$3$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$3$z$work = acc_data[(3 * 22)+:(22)];
        errors$3$target$work = target[3];
        lanes$3$error$work = 32'h0;
        if (class_mask[3] && learning) begin
            lanes$3$error$work = errors$3$error;
        end
        erring = (erring & ~(1 << (3)) | ((|lanes$3$error$work) << (3)));
        sums$4 = sums$3 | lanes$3$placed_sum;
        activations$3$z$work = acc_data[(3 * 22)+:(22)];
        activations$3$sign$work = projection$signs[3];
        activations$3$valid$work = hidden_mask[3];
        modulated = (modulated & ~(1 << (3)) | ((activations$3$modulated && learning) << (3)));
        activation_words$4 = activation_words$3 | activations$3$placed;
        updates$3$weight$work = weight_held$q[(3 * 8)+:(8)];
        updates$3$output_layer$work = output_layer;
        updates$3$modulation$work = modulation_held$q[(32'h2 * 3)+:(2)];
        updates$3$rounded$work = rounded$q;
        updates$3$rounded_negated$work = rounded_negated;
        updates$3$output_delta$work = output_round$delta;
        updates$3$load_delta$work = shift_lanes$q[3];
        updated$4 = updated$3 | updates$3$placed;
        if (lane_onehot[3]) begin
            lane_value = acc_data[(3 * 22)+:(22)];
            output_round$product$work = lanes$3$product;
        end
        lanes$4$a$work = lane_a;
        lanes$4$weight$work = weight_data[(4 * 8)+:(8)];
        lanes$4$acc$work = acc_data[(4 * 22)+:(22)];
        lanes$4$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$4$z$work = acc_data[(4 * 22)+:(22)];
        errors$4$target$work = target[4];
        lanes$4$error$work = 32'h0;
        if (class_mask[4] && learning) begin
            lanes$4$error$work = errors$4$error;
        end
        erring = (erring & ~(1 << (4)) | ((|lanes$4$error$work) << (4)));
        sums$5 = sums$4 | lanes$4$placed_sum;
        activations$4$z$work = acc_data[(4 * 22)+:(22)];
        activations$4$sign$work = projection$signs[4];
        activations$4$valid$work = hidden_mask[4];
        modulated = (modulated & ~(1 << (4)) | ((activations$4$modulated && learning) << (4)));
        activation_words$5 = activation_words$4 | activations$4$placed;
        updates$4$weight$work = weight_held$q[(4 * 8)+:(8)];
        updates$4$output_layer$work = output_layer;
        updates$4$modulation$work = modulation_held$q[(32'h2 * 4)+:(2)];
        updates$4$rounded$work = rounded$q;
        updates$4$rounded_negated$work = rounded_negated;
        updates$4$output_delta$work = output_round$delta;
        updates$4$load_delta$work = shift_lanes$q[4];
        updated$5 = updated$4 | updates$4$placed;
        if (lane_onehot[4]) begin
            lane_value = acc_data[(4 * 22)+:(22)];
            output_round$product$work = lanes$4$product;
        end
        lanes$5$a$work = lane_a;
        lanes$5$weight$work = weight_data[(5 * 8)+:(8)];
        lanes$5$acc$work = acc_data[(5 * 22)+:(22)];
        lanes$5$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$5$z$work = acc_data[(5 * 22)+:(22)];
        errors$5$target$work = target[5];
        lanes$5$error$work = 32'h0;
        if (class_mask[5] && learning) begin
            lanes$5$error$work = errors$5$error;
        end
        erring = (erring & ~(1 << (5)) | ((|lanes$5$error$work) << (5)));
        sums$6 = sums$5 | lanes$5$placed_sum;
        activations$5$z$work = acc_data[(5 * 22)+:(22)];
        activations$5$sign$work = projection$signs[5];
        activations$5$valid$work = hidden_mask[5];
        modulated = (modulated & ~(1 << (5)) | ((activations$5$modulated && learning) << (5)));
        activation_words$6 = activation_words$5 | activations$5$placed;
        updates$5$weight$work = weight_held$q[(5 * 8)+:(8)];
        updates$5$output_layer$work = output_layer;
        updates$5$modulation$work = modulation_held$q[(32'h2 * 5)+:(2)];
        updates$5$rounded$work = rounded$q;
        updates$5$rounded_negated$work = rounded_negated;
        updates$5$output_delta$work = output_round$delta;
        updates$5$load_delta$work = shift_lanes$q[5];
        updated$6 = updated$5 | updates$5$placed;
        if (lane_onehot[5]) begin
            lane_value = acc_data[(5 * 22)+:(22)];
            output_round$product$work = lanes$5$product;
        end
        lanes$6$a$work = lane_a;
        lanes$6$weight$work = weight_data[(6 * 8)+:(8)];
        lanes$6$acc$work = acc_data[(6 * 22)+:(22)];
        lanes$6$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$6$z$work = acc_data[(6 * 22)+:(22)];
        errors$6$target$work = target[6];
        lanes$6$error$work = 32'h0;
        if (class_mask[6] && learning) begin
            lanes$6$error$work = errors$6$error;
        end
        erring = (erring & ~(1 << (6)) | ((|lanes$6$error$work) << (6)));
        sums$7 = sums$6 | lanes$6$placed_sum;
        activations$6$z$work = acc_data[(6 * 22)+:(22)];
        activations$6$sign$work = projection$signs[6];
        activations$6$valid$work = hidden_mask[6];
        modulated = (modulated & ~(1 << (6)) | ((activations$6$modulated && learning) << (6)));
        activation_words$7 = activation_words$6 | activations$6$placed;
        updates$6$weight$work = weight_held$q[(6 * 8)+:(8)];
        updates$6$output_layer$work = output_layer;
        updates$6$modulation$work = modulation_held$q[(32'h2 * 6)+:(2)];
        updates$6$rounded$work = rounded$q;
        updates$6$rounded_negated$work = rounded_negated;
        updates$6$output_delta$work = output_round$delta;
        updates$6$load_delta$work = shift_lanes$q[6];
        updated$7 = updated$6 | updates$6$placed;
        if (lane_onehot[6]) begin
            lane_value = acc_data[(6 * 22)+:(22)];
            output_round$product$work = lanes$6$product;
        end
        lanes$7$a$work = lane_a;
        lanes$7$weight$work = weight_data[(7 * 8)+:(8)];
        lanes$7$acc$work = acc_data[(7 * 22)+:(22)];
        lanes$7$use_error$work = learning && (pass$q == FcPass$LearnOutput);
        errors$7$z$work = acc_data[(7 * 22)+:(22)];
        errors$7$target$work = target[7];
        lanes$7$error$work = 32'h0;
        if (class_mask[7] && learning) begin
            lanes$7$error$work = errors$7$error;
        end
        erring = (erring & ~(1 << (7)) | ((|lanes$7$error$work) << (7)));
        sums$8 = sums$7 | lanes$7$placed_sum;
        activations$7$z$work = acc_data[(7 * 22)+:(22)];
        activations$7$sign$work = projection$signs[7];
        activations$7$valid$work = hidden_mask[7];
        modulated = (modulated & ~(1 << (7)) | ((activations$7$modulated && learning) << (7)));
        activation_words$8 = activation_words$7 | activations$7$placed;
        updates$7$weight$work = weight_held$q[(7 * 8)+:(8)];
        updates$7$output_layer$work = output_layer;
        updates$7$modulation$work = modulation_held$q[(32'h2 * 7)+:(2)];
        updates$7$rounded$work = rounded$q;
        updates$7$rounded_negated$work = rounded_negated;
        updates$7$output_delta$work = output_round$delta;
        updates$7$load_delta$work = shift_lanes$q[7];
        updated$8 = updated$7 | updates$7$placed;
        if (lane_onehot[7]) begin
            lane_value = acc_data[(7 * 22)+:(22)];
            output_round$product$work = lanes$7$product;
        end
        score$work = lane_value;
        class_index = (group$q << 32'h3) | ((lane$q) & 8'hff);
        better = (lane_value ^ sign) > (best$q ^ sign);
        if (~|class_index) begin
            better = 1'b1;
        end
        winner = best_class$q;
        if (better) begin
            winner = class_index;
        end
        errors_now = any_error$q;
        if (~|lane$q && |erring) begin
            errors_now = 1'b1;
        end
        hidden_weights$address = weight_address;
        hidden_weights$read_enable = 1'b0;
        hidden_weights$write_enable = 1'b0;
        hidden_weights$write_data = mem_wdata;
        if (learning) begin
            hidden_weights$write_data = updated$8;
        end
        output_weights$address = ((weight_address) & 8'hff);
        output_weights$read_enable = 1'b0;
        output_weights$write_enable = 1'b0;
        output_weights$write_data = mem_wdata;
        if (learning) begin
            output_weights$write_data = updated$8;
        end
        accumulators$read_address = acc_address;
        accumulators$read_enable = 1'b0;
        accumulators$write_address = mac_address$q;
        accumulators$write_enable = 1'b0;
        accumulators$write_data = sums$8;
        projection$load$work = 1'b0;
        projection$step$work = 1'b0;
        mac_operands$d = 1'b0;
        mac_read$d = mac_operands$q;
        mac_read_address$d = mac_operands_address$q;
        mac_pending$d = mac_read$q;
        mac_address$d = mac_read_address$q;
        act_pending$d = 1'b0;
        case (phase$q)
            FcPhase$Idle:
                begin
                    lane$d = score_lane;
                    hidden_weights$address = mem_address;
                    hidden_weights$read_enable = mem_read && (mem_select == 0);
                    hidden_weights$write_enable = mem_write && (mem_select == 0);
                    hidden_weights$write_data = mem_wdata;
                    output_weights$address = ((mem_address) & 8'hff);
                    output_weights$read_enable = mem_read && (mem_select == 1);
                    output_weights$write_enable = mem_write && (mem_select == 1);
                    output_weights$write_data = mem_wdata;
                    accumulators$read_address = score_base + ((mem_address) & 4'hf);
                    accumulators$read_enable = mem_read && (mem_select == 2);
                    if (rounding_write) begin
                        rounding$d = rounding_wdata;
                    end
                    if (start_clear) begin
                        phase$d = FcPhase$Clear;
                        group$d = 32'h0;
                    end
                    else if (start) begin
                        learn_q$d = learn && learning;
                        label_q$d = label;
                        any_modulated$d = 1'b0;
                        any_error$d = 1'b0;
                        pass$d = FcPass$Hidden;
                        scan$start$work = 1'b1;
                        phase$d = FcPhase$Pick;
                    end
                end
            FcPhase$Clear:
                begin
                    accumulators$write_address = ((group$q) & 4'hf);
                    accumulators$write_enable = 1'b1;
                    accumulators$write_data = 32'h0;
                    group$d = group$q + 32'h1;
                    if (group$q == last_acc_word) begin
                        phase$d = FcPhase$Idle;
                    end
                end
            FcPhase$Pick:
                begin
                    if (output_layer) begin
                        accumulators$read_address = ((scan$address) & 4'hf);
                        accumulators$read_enable = scan$read;
                    end
                    if (scan$valid && ~stall) begin
                        scan$take$work = 1'b1;
                        x$d = scan$value;
                        row$d = scan$row;
                        group$d = 32'h0;
                        if ((pass$q == FcPass$Hidden) || (pass$q == FcPass$Output)) begin
                            phase$d = FcPhase$Row;
                        end
                        else begin
                            if (learning) begin
                                rounding$d = draw$after16;
                                round$d = draw_round;
                            end
                            phase$d = FcPhase$RowRead;
                            if (pass$q == FcPass$LearnHidden) begin
                                phase$d = FcPhase$RowRound;
                            end
                        end
                    end
                    else if (scan$done && ~stall) begin
                        case (pass$q)
                            FcPass$Hidden:
                                begin
                                    phase$d = FcPhase$Activate;
                                    group$d = 32'h0;
                                    projection$load$work = 1'b1;
                                end
                            FcPass$Output:
                                begin
                                    phase$d = FcPhase$DecideRead;
                                    group$d = 32'h0;
                                end
                            FcPass$LearnHidden:
                                begin
                                    phase$d = FcPhase$Idle;
                                    if (any_error$q) begin
                                        pass$d = FcPass$LearnOutput;
                                        scan$start$work = 1'b1;
                                        scan$layer$work = 1'b1;
                                        phase$d = FcPhase$Pick;
                                    end
                                end
                            FcPass$LearnOutput:
                                begin
                                    phase$d = FcPhase$Idle;
                                end
                        endcase
                    end
                end
            FcPhase$Row:
                begin
                    hidden_weights$read_enable = ~output_layer;
                    output_weights$read_enable = output_layer;
                    mac_operands$d = 1'b1;
                    mac_operands_address$d = acc_address;
                    group$d = group$q + 32'h1;
                    if (last_row_group) begin
                        phase$d = FcPhase$Pick;
                    end
                end
            FcPhase$RowRead:
                begin
                    hidden_weights$read_enable = ~output_layer;
                    output_weights$read_enable = output_layer;
                    accumulators$read_enable = 1'b1;
                    phase$d = FcPhase$RowHold;
                    if (pass$q == FcPass$LearnOutput) begin
                        phase$d = FcPhase$RowMultiply;
                    end
                    if ((pass$q == FcPass$LearnHidden) && ~|rounded$q) begin
                        hidden_weights$read_enable = 1'b0;
                        accumulators$read_enable = 1'b0;
                        phase$d = FcPhase$Pick;
                    end
                end
            FcPhase$RowMultiply:
                begin
                    phase$d = FcPhase$RowProduct;
                end
            FcPhase$RowProduct:
                begin
                    lane$d = 32'h0;
                    phase$d = FcPhase$RowShift;
                end
            FcPhase$RowShift:
                begin
                    lane$d = lane$q + 32'h1;
                    if (lane$q == 32'h7) begin
                        phase$d = FcPhase$RowHold;
                    end
                end
            FcPhase$RowHold:
                begin
                    phase$d = FcPhase$RowWrite;
                end
            FcPhase$RowRound:
                begin
                    rounded$d = ((rounded_now) & 8'hff);
                    phase$d = FcPhase$RowRead;
                end
            FcPhase$RowWrite:
                begin
                    hidden_weights$write_enable = ~output_layer && learning;
                    output_weights$write_enable = output_layer && learning;
                    group$d = group$q + 32'h1;
                    phase$d = FcPhase$RowRead;
                    if (last_row_group) begin
                        phase$d = FcPhase$Pick;
                    end
                end
            FcPhase$Activate:
                begin
                    accumulators$read_enable = 1'b1;
                    act_pending$d = 1'b1;
                    act_group$d = group$q;
                    group$d = group$q + 32'h1;
                    if (last_row_group) begin
                        phase$d = FcPhase$ActivateLast;
                    end
                end
            FcPhase$ActivateLast:
                begin
                    pass$d = FcPass$Output;
                    scan$start$work = 1'b1;
                    scan$layer$work = 1'b1;
                    phase$d = FcPhase$Pick;
                end
            FcPhase$DecideRead:
                begin
                    accumulators$read_enable = 1'b1;
                    lane$d = 32'h0;
                    phase$d = FcPhase$DecideLane;
                end
            FcPhase$DecideLane:
                begin
                    any_error$d = errors_now;
                    if (better) begin
                        best$d = lane_value;
                        best_class$d = class_index;
                    end
                    lane$d = lane$q + 32'h1;
                    if (class_index == last_class) begin
                        class_q$d = winner;
                        phase$d = FcPhase$Idle;
                        if (learn_q$q) begin
                            phase$d = FcPhase$DecideEnd;
                        end
                    end
                    else if (lane$q == 32'h7) begin
                        group$d = group$q + 32'h1;
                        phase$d = FcPhase$DecideRead;
                    end
                end
            FcPhase$DecideEnd:
                begin
                    phase$d = FcPhase$Idle;
                    if (any_modulated$q) begin
                        pass$d = FcPass$LearnHidden;
                        scan$start$work = 1'b1;
                        phase$d = FcPhase$Pick;
                    end
                    else if (any_error$q) begin
                        pass$d = FcPass$LearnOutput;
                        scan$start$work = 1'b1;
                        scan$layer$work = 1'b1;
                        phase$d = FcPhase$Pick;
                    end
                end
        endcase
        if (mac_read$q) begin
            accumulators$read_address = mac_read_address$q;
            accumulators$read_enable = 1'b1;
        end
        if (mac_pending$q) begin
            accumulators$write_enable = 1'b1;
        end
        if (act_pending$q) begin
            accumulators$write_enable = 1'b1;
            accumulators$write_address = ((act_group$q) & 4'hf);
            accumulators$write_data = activation_words$8;
            projection$step$work = 1'b1;
            if (|modulated) begin
                any_modulated$d = 1'b1;
            end
        end
        if (reset) begin
            phase$d = FcPhase$Idle;
            mac_operands$d = 1'b0;
            mac_read$d = 1'b0;
            mac_pending$d = 1'b0;
            act_pending$d = 1'b0;
            class_q$d = 32'h0;
            rounding$d = reset_rounding;
        end
        busy = busy$work;
        decision = decision$work;
        rounding_state = rounding_state$work;
        hidden_rdata = hidden_rdata$work;
        output_rdata = output_rdata$work;
        scan$start = scan$start$work;
        scan$layer = scan$layer$work;
        scan$take = scan$take$work;
        scan$allow_read = scan$allow_read$work;
        scan$word = scan$word$work;
        input_read = input_read$work;
        input_address = input_address$work;
        draw$state = draw$state$work;
        output_round$product = output_round$product$work;
        output_round$round = output_round$round$work;
        projection$label = projection$label$work;
        lanes$0$a = lanes$0$a$work;
        lanes$0$weight = lanes$0$weight$work;
        lanes$0$acc = lanes$0$acc$work;
        lanes$0$use_error = lanes$0$use_error$work;
        errors$0$z = errors$0$z$work;
        errors$0$target = errors$0$target$work;
        lanes$0$error = lanes$0$error$work;
        activations$0$z = activations$0$z$work;
        activations$0$sign = activations$0$sign$work;
        activations$0$valid = activations$0$valid$work;
        updates$0$weight = updates$0$weight$work;
        updates$0$output_layer = updates$0$output_layer$work;
        updates$0$modulation = updates$0$modulation$work;
        updates$0$rounded = updates$0$rounded$work;
        updates$0$rounded_negated = updates$0$rounded_negated$work;
        updates$0$output_delta = updates$0$output_delta$work;
        updates$0$load_delta = updates$0$load_delta$work;
        lanes$1$a = lanes$1$a$work;
        lanes$1$weight = lanes$1$weight$work;
        lanes$1$acc = lanes$1$acc$work;
        lanes$1$use_error = lanes$1$use_error$work;
        errors$1$z = errors$1$z$work;
        errors$1$target = errors$1$target$work;
        lanes$1$error = lanes$1$error$work;
        activations$1$z = activations$1$z$work;
        activations$1$sign = activations$1$sign$work;
        activations$1$valid = activations$1$valid$work;
        updates$1$weight = updates$1$weight$work;
        updates$1$output_layer = updates$1$output_layer$work;
        updates$1$modulation = updates$1$modulation$work;
        updates$1$rounded = updates$1$rounded$work;
        updates$1$rounded_negated = updates$1$rounded_negated$work;
        updates$1$output_delta = updates$1$output_delta$work;
        updates$1$load_delta = updates$1$load_delta$work;
        lanes$2$a = lanes$2$a$work;
        lanes$2$weight = lanes$2$weight$work;
        lanes$2$acc = lanes$2$acc$work;
        lanes$2$use_error = lanes$2$use_error$work;
        errors$2$z = errors$2$z$work;
        errors$2$target = errors$2$target$work;
        lanes$2$error = lanes$2$error$work;
        activations$2$z = activations$2$z$work;
        activations$2$sign = activations$2$sign$work;
        activations$2$valid = activations$2$valid$work;
        updates$2$weight = updates$2$weight$work;
        updates$2$output_layer = updates$2$output_layer$work;
        updates$2$modulation = updates$2$modulation$work;
        updates$2$rounded = updates$2$rounded$work;
        updates$2$rounded_negated = updates$2$rounded_negated$work;
        updates$2$output_delta = updates$2$output_delta$work;
        updates$2$load_delta = updates$2$load_delta$work;
        lanes$3$a = lanes$3$a$work;
        lanes$3$weight = lanes$3$weight$work;
        lanes$3$acc = lanes$3$acc$work;
        lanes$3$use_error = lanes$3$use_error$work;
        errors$3$z = errors$3$z$work;
        errors$3$target = errors$3$target$work;
        lanes$3$error = lanes$3$error$work;
        activations$3$z = activations$3$z$work;
        activations$3$sign = activations$3$sign$work;
        activations$3$valid = activations$3$valid$work;
        updates$3$weight = updates$3$weight$work;
        updates$3$output_layer = updates$3$output_layer$work;
        updates$3$modulation = updates$3$modulation$work;
        updates$3$rounded = updates$3$rounded$work;
        updates$3$rounded_negated = updates$3$rounded_negated$work;
        updates$3$output_delta = updates$3$output_delta$work;
        updates$3$load_delta = updates$3$load_delta$work;
        lanes$4$a = lanes$4$a$work;
        lanes$4$weight = lanes$4$weight$work;
        lanes$4$acc = lanes$4$acc$work;
        lanes$4$use_error = lanes$4$use_error$work;
        errors$4$z = errors$4$z$work;
        errors$4$target = errors$4$target$work;
        lanes$4$error = lanes$4$error$work;
        activations$4$z = activations$4$z$work;
        activations$4$sign = activations$4$sign$work;
        activations$4$valid = activations$4$valid$work;
        updates$4$weight = updates$4$weight$work;
        updates$4$output_layer = updates$4$output_layer$work;
        updates$4$modulation = updates$4$modulation$work;
        updates$4$rounded = updates$4$rounded$work;
        updates$4$rounded_negated = updates$4$rounded_negated$work;
        updates$4$output_delta = updates$4$output_delta$work;
        updates$4$load_delta = updates$4$load_delta$work;
        lanes$5$a = lanes$5$a$work;
        lanes$5$weight = lanes$5$weight$work;
        lanes$5$acc = lanes$5$acc$work;
        lanes$5$use_error = lanes$5$use_error$work;
        errors$5$z = errors$5$z$work;
        errors$5$target = errors$5$target$work;
        lanes$5$error = lanes$5$error$work;
        activations$5$z = activations$5$z$work;
        activations$5$sign = activations$5$sign$work;
        activations$5$valid = activations$5$valid$work;
        updates$5$weight = updates$5$weight$work;
        updates$5$output_layer = updates$5$output_layer$work;
        updates$5$modulation = updates$5$modulation$work;
        updates$5$rounded = updates$5$rounded$work;
        updates$5$rounded_negated = updates$5$rounded_negated$work;
        updates$5$output_delta = updates$5$output_delta$work;
        updates$5$load_delta = updates$5$load_delta$work;
        lanes$6$a = lanes$6$a$work;
        lanes$6$weight = lanes$6$weight$work;
        lanes$6$acc = lanes$6$acc$work;
        lanes$6$use_error = lanes$6$use_error$work;
        errors$6$z = errors$6$z$work;
        errors$6$target = errors$6$target$work;
        lanes$6$error = lanes$6$error$work;
        activations$6$z = activations$6$z$work;
        activations$6$sign = activations$6$sign$work;
        activations$6$valid = activations$6$valid$work;
        updates$6$weight = updates$6$weight$work;
        updates$6$output_layer = updates$6$output_layer$work;
        updates$6$modulation = updates$6$modulation$work;
        updates$6$rounded = updates$6$rounded$work;
        updates$6$rounded_negated = updates$6$rounded_negated$work;
        updates$6$output_delta = updates$6$output_delta$work;
        updates$6$load_delta = updates$6$load_delta$work;
        lanes$7$a = lanes$7$a$work;
        lanes$7$weight = lanes$7$weight$work;
        lanes$7$acc = lanes$7$acc$work;
        lanes$7$use_error = lanes$7$use_error$work;
        errors$7$z = errors$7$z$work;
        errors$7$target = errors$7$target$work;
        lanes$7$error = lanes$7$error$work;
        activations$7$z = activations$7$z$work;
        activations$7$sign = activations$7$sign$work;
        activations$7$valid = activations$7$valid$work;
        updates$7$weight = updates$7$weight$work;
        updates$7$output_layer = updates$7$output_layer$work;
        updates$7$modulation = updates$7$modulation$work;
        updates$7$rounded = updates$7$rounded$work;
        updates$7$rounded_negated = updates$7$rounded_negated$work;
        updates$7$output_delta = updates$7$output_delta$work;
        updates$7$load_delta = updates$7$load_delta$work;
        score = score$work;
        projection$load = projection$load$work;
        projection$step = projection$step$work;
    end

endmodule // spoon_board$core$fc


module spoon_board$core$fc$accumulators(clock,read_address,read_enable,read_data,write_address,write_enable,write_data);

    // Module arguments
    input wire  clock;
    input wire  [3:0] read_address;
    input wire  read_enable;
    output reg  [175:0] read_data;
    input wire  [3:0] write_address;
    input wire  write_enable;
    input wire  [175:0] write_data;

    // Update code (custom)
    (* no_rw_check *)
    reg [175:0] mem [0:15];

    always @(posedge clock) begin
        if (write_enable) begin
            mem[write_address] <= write_data;
        end
        if (read_enable) begin
            read_data <= mem[read_address];
        end
    end
endmodule // spoon_board$core$fc$accumulators


module spoon_board$core$fc$act_group(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$act_group


module spoon_board$core$fc$act_pending(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$act_pending


module spoon_board$core$fc$activations$0(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h0;
    localparam [7:0] d_offset = 8'h40;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$0$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$0


module spoon_board$core$fc$activations$0$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$0$tanh


module spoon_board$core$fc$activations$1(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h8;
    localparam [7:0] d_offset = 8'h42;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$1$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$1


module spoon_board$core$fc$activations$1$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$1$tanh


module spoon_board$core$fc$activations$2(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h10;
    localparam [7:0] d_offset = 8'h44;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$2$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$2


module spoon_board$core$fc$activations$2$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$2$tanh


module spoon_board$core$fc$activations$3(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h18;
    localparam [7:0] d_offset = 8'h46;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$3$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$3


module spoon_board$core$fc$activations$3$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$3$tanh


module spoon_board$core$fc$activations$4(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h20;
    localparam [7:0] d_offset = 8'h48;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$4$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$4


module spoon_board$core$fc$activations$4$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$4$tanh


module spoon_board$core$fc$activations$5(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h28;
    localparam [7:0] d_offset = 8'h4a;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$5$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$5


module spoon_board$core$fc$activations$5$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$5$tanh


module spoon_board$core$fc$activations$6(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h30;
    localparam [7:0] d_offset = 8'h4c;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$6$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$6


module spoon_board$core$fc$activations$6$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$6$tanh


module spoon_board$core$fc$activations$7(z,sign,valid,placed,modulated);

    // Module arguments
    input wire  [21:0] z;
    input wire  sign;
    input wire  valid;
    output reg  [175:0] placed;
    reg  [175:0] placed$work;
    output reg  modulated;
    reg  modulated$work;

    // Constant declarations
    localparam [7:0] y_offset = 8'h38;
    localparam [7:0] d_offset = 8'h4e;

    // Stub signals
    wire  [7:0] tanh$y;
    wire  tanh$window;

    // Local signals
    reg  [7:0] y;
    reg  [1:0] d;

    // Sub module instances
    spoon_board$core$fc$activations$7$tanh tanh(
        .z(z),
        .y(tanh$y),
        .window(tanh$window)
    );

    // Update code
    always @(*) begin
        y = 32'h0;
        d = 32'h0;
        if (valid) begin
            y = tanh$y;
            if (tanh$window) begin
                d = 32'h1;
                if (~sign) begin
                    d = 32'h3;
                end
            end
        end
        modulated$work = |d;
        placed$work = (((y) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << y_offset) | (((d) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << d_offset);
        modulated = modulated$work;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$activations$7


module spoon_board$core$fc$activations$7$tanh(z,y,window);

    // Module arguments
    input wire  [21:0] z;
    output reg  [7:0] y;
    reg  [7:0] y$work;
    output reg  window;
    reg  window$work;

    // Constant declarations
    localparam [7:0] shift = 8'h4;
    localparam [21:0] fill = 22'h3c0000;
    localparam [21:0] high_mask = 22'h3fff80;
    localparam [7:0] ymax = 8'h7f;
    localparam [7:0] ymin = 8'h81;
    localparam [7:0] below_ymin = 8'h80;

    // Local signals
    reg  [21:0] shifted;
    reg  [21:0] high;
    reg  [7:0] low;
    reg  fits;
    reg  below;

    // Update code
    always @(*) begin
        shifted = z >> shift;
        if (z[22 - 32'h1]) begin
            shifted = (z >> shift) | fill;
        end
        high = shifted & high_mask;
        fits = ~|high || (high == high_mask);
        low = shifted[(32'h0)+:(8)];
        below = low == below_ymin;
        y$work = low;
        if (~fits) begin
            y$work = ymax;
            if (shifted[22 - 32'h1]) begin
                y$work = ymin;
            end
        end
        else if (below) begin
            y$work = ymin;
        end
        window$work = fits && ~below && (low != ymax) && (low != ymin);
        y = y$work;
        window = window$work;
    end

endmodule // spoon_board$core$fc$activations$7$tanh


module spoon_board$core$fc$any_error(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$any_error


module spoon_board$core$fc$any_modulated(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$any_modulated


module spoon_board$core$fc$best(d,q,clock);

    // Module arguments
    input wire  [21:0] d;
    output reg  [21:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 22'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$best


module spoon_board$core$fc$best_class(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$best_class


module spoon_board$core$fc$class_q(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$class_q


module spoon_board$core$fc$draw(state,after16);

    // Module arguments
    input wire  [31:0] state;
    output reg  [31:0] after16;
    reg  [31:0] after16$work;

    // Local signals
    reg  [31:0] stage$0;
    reg  [31:0] stage$1;
    reg  [31:0] stage$2;
    reg  [31:0] stage$3;
    reg  [31:0] stage$4;
    reg  [31:0] stage$5;
    reg  [31:0] stage$6;
    reg  [31:0] stage$7;
    reg  [31:0] stage$8;
    reg  [31:0] stage$9;
    reg  [31:0] stage$10;
    reg  [31:0] stage$11;
    reg  [31:0] stage$12;
    reg  [31:0] stage$13;
    reg  [31:0] stage$14;
    reg  [31:0] stage$15;
    reg  [31:0] stage$16;

    // Update code
    always @(*) begin
        stage$0 = state;
        stage$1 = stage$0 >> 32'h1;
        if (stage$0[32'h0]) begin
            stage$1 = (stage$0 >> 32'h1) ^ 64'h80200003;
        end
        stage$2 = stage$1 >> 32'h1;
        if (stage$1[32'h0]) begin
            stage$2 = (stage$1 >> 32'h1) ^ 64'h80200003;
        end
        stage$3 = stage$2 >> 32'h1;
        if (stage$2[32'h0]) begin
            stage$3 = (stage$2 >> 32'h1) ^ 64'h80200003;
        end
        stage$4 = stage$3 >> 32'h1;
        if (stage$3[32'h0]) begin
            stage$4 = (stage$3 >> 32'h1) ^ 64'h80200003;
        end
        stage$5 = stage$4 >> 32'h1;
        if (stage$4[32'h0]) begin
            stage$5 = (stage$4 >> 32'h1) ^ 64'h80200003;
        end
        stage$6 = stage$5 >> 32'h1;
        if (stage$5[32'h0]) begin
            stage$6 = (stage$5 >> 32'h1) ^ 64'h80200003;
        end
        stage$7 = stage$6 >> 32'h1;
        if (stage$6[32'h0]) begin
            stage$7 = (stage$6 >> 32'h1) ^ 64'h80200003;
        end
        stage$8 = stage$7 >> 32'h1;
        if (stage$7[32'h0]) begin
            stage$8 = (stage$7 >> 32'h1) ^ 64'h80200003;
        end
        stage$9 = stage$8 >> 32'h1;
        if (stage$8[32'h0]) begin
            stage$9 = (stage$8 >> 32'h1) ^ 64'h80200003;
        end
        stage$10 = stage$9 >> 32'h1;
        if (stage$9[32'h0]) begin
            stage$10 = (stage$9 >> 32'h1) ^ 64'h80200003;
        end
        stage$11 = stage$10 >> 32'h1;
        if (stage$10[32'h0]) begin
            stage$11 = (stage$10 >> 32'h1) ^ 64'h80200003;
        end
        stage$12 = stage$11 >> 32'h1;
        if (stage$11[32'h0]) begin
            stage$12 = (stage$11 >> 32'h1) ^ 64'h80200003;
        end
        stage$13 = stage$12 >> 32'h1;
        if (stage$12[32'h0]) begin
            stage$13 = (stage$12 >> 32'h1) ^ 64'h80200003;
        end
        stage$14 = stage$13 >> 32'h1;
        if (stage$13[32'h0]) begin
            stage$14 = (stage$13 >> 32'h1) ^ 64'h80200003;
        end
        stage$15 = stage$14 >> 32'h1;
        if (stage$14[32'h0]) begin
            stage$15 = (stage$14 >> 32'h1) ^ 64'h80200003;
        end
        stage$16 = stage$15 >> 32'h1;
        if (stage$15[32'h0]) begin
            stage$16 = (stage$15 >> 32'h1) ^ 64'h80200003;
        end
        after16$work = stage$16;
        after16 = after16$work;
    end

endmodule // spoon_board$core$fc$draw


module spoon_board$core$fc$errors$0(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$0


module spoon_board$core$fc$errors$1(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$1


module spoon_board$core$fc$errors$2(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$2


module spoon_board$core$fc$errors$3(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$3


module spoon_board$core$fc$errors$4(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$4


module spoon_board$core$fc$errors$5(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$5


module spoon_board$core$fc$errors$6(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$6


module spoon_board$core$fc$errors$7(z,target,error);

    // Module arguments
    input wire  [21:0] z;
    input wire  target;
    output reg  [8:0] error;
    reg  [8:0] error$work;

    // Constant declarations
    localparam [23:0] extension = 24'hc00000;
    localparam [7:0] shift = 8'h8;
    localparam [23:0] fill = 24'hff0000;
    localparam [23:0] half = 24'h40;
    localparam [23:0] one = 24'h80;
    localparam [23:0] above_one = 24'hffff00;
    localparam [23:0] below_one = 24'h7f;

    // Local signals
    reg  [23:0] shifted;
    reg  [23:0] centred;
    reg  over;
    reg  [23:0] probability;

    // Update code
    always @(*) begin
        shifted = ((z) & 24'hffffff) >> shift;
        if (z[22 - 32'h1]) begin
            shifted = ((((z) & 24'hffffff) | extension) >> shift) | fill;
        end
        centred = shifted + half;
        over = |(centred & above_one) || (|(centred & one) && |(centred & below_one));
        probability = centred;
        if (centred[22 + 32'h1]) begin
            probability = 32'h0;
        end
        else if (over) begin
            probability = one;
        end
        error$work = ((probability) & 9'h1ff);
        if (target) begin
            error$work = ((probability - one) & 9'h1ff);
        end
        error = error$work;
    end

endmodule // spoon_board$core$fc$errors$7


module spoon_board$core$fc$group(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$group


module spoon_board$core$fc$hidden_weights(clock,address,read_enable,read_data,write_enable,write_data);

    // Module arguments
    input wire  clock;
    input wire  [13:0] address;
    input wire  read_enable;
    output reg  [63:0] read_data;
    input wire  write_enable;
    input wire  [63:0] write_data;

    // Update code (custom)
    reg [63:0] mem [0:13311];

    always @(posedge clock) begin
        if (write_enable) begin
            mem[address] <= write_data;
        end else if (read_enable) begin
            read_data <= mem[address];
        end
    end
endmodule // spoon_board$core$fc$hidden_weights


module spoon_board$core$fc$label_q(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$label_q


module spoon_board$core$fc$lane(d,q,clock);

    // Module arguments
    input wire  [2:0] d;
    output reg  [2:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 3'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lane


module spoon_board$core$fc$lanes$0(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h0;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$0$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$0$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$0$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$0


module spoon_board$core$fc$lanes$0$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$0$a_q


module spoon_board$core$fc$lanes$0$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$0$b_q


module spoon_board$core$fc$lanes$0$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$0$product_q


module spoon_board$core$fc$lanes$1(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h16;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$1$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$1$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$1$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$1


module spoon_board$core$fc$lanes$1$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$1$a_q


module spoon_board$core$fc$lanes$1$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$1$b_q


module spoon_board$core$fc$lanes$1$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$1$product_q


module spoon_board$core$fc$lanes$2(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h2c;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$2$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$2$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$2$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$2


module spoon_board$core$fc$lanes$2$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$2$a_q


module spoon_board$core$fc$lanes$2$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$2$b_q


module spoon_board$core$fc$lanes$2$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$2$product_q


module spoon_board$core$fc$lanes$3(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h42;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$3$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$3$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$3$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$3


module spoon_board$core$fc$lanes$3$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$3$a_q


module spoon_board$core$fc$lanes$3$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$3$b_q


module spoon_board$core$fc$lanes$3$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$3$product_q


module spoon_board$core$fc$lanes$4(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h58;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$4$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$4$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$4$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$4


module spoon_board$core$fc$lanes$4$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$4$a_q


module spoon_board$core$fc$lanes$4$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$4$b_q


module spoon_board$core$fc$lanes$4$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$4$product_q


module spoon_board$core$fc$lanes$5(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h6e;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$5$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$5$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$5$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$5


module spoon_board$core$fc$lanes$5$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$5$a_q


module spoon_board$core$fc$lanes$5$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$5$b_q


module spoon_board$core$fc$lanes$5$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$5$product_q


module spoon_board$core$fc$lanes$6(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h84;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$6$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$6$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$6$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$6


module spoon_board$core$fc$lanes$6$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$6$a_q


module spoon_board$core$fc$lanes$6$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$6$b_q


module spoon_board$core$fc$lanes$6$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$6$product_q


module spoon_board$core$fc$lanes$7(clock,a,weight,error,use_error,acc,product,placed_sum);

    // Module arguments
    input wire  clock;
    input wire  [15:0] a;
    input wire  [7:0] weight;
    input wire  [8:0] error;
    input wire  use_error;
    input wire  [21:0] acc;
    output reg  [15:0] product;
    reg  [15:0] product$work;
    output reg  [175:0] placed_sum;
    reg  [175:0] placed_sum$work;

    // Constant declarations
    localparam [7:0] offset = 8'h9a;
    localparam [21:0] product_fill = 22'h3f0000;

    // Stub signals
    reg  [15:0] a_q$d;
    wire  [15:0] a_q$q;
    reg  [15:0] b_q$d;
    wire  [15:0] b_q$q;
    reg  [15:0] product_q$d;
    wire  [15:0] product_q$q;

    // Local signals
    reg  [15:0] b;
    reg  [31:0] full;
    reg  [21:0] product_wide;
    reg  [21:0] sum;

    // Sub module instances
    spoon_board$core$fc$lanes$7$a_q a_q(
        .d(a_q$d),
        .q(a_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$7$b_q b_q(
        .d(b_q$d),
        .q(b_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$lanes$7$product_q product_q(
        .d(product_q$d),
        .q(product_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        a_q$d = a_q$q;
        b_q$d = b_q$q;
        product_q$d = product_q$q;
        b = ((weight) & 16'hffff);
        if (weight[8 - 32'h1]) begin
            b = ((weight) & 16'hffff) | 64'hff00;
        end
        if (use_error) begin
            b = ((error) & 16'hffff);
            if (error[9 - 32'h1]) begin
                b = ((error) & 16'hffff) | 64'hfe00;
            end
        end
        a_q$d = a;
        b_q$d = b;
        full = a_q$q * b_q$q;
        product_q$d = ((full) & 16'hffff);
        product$work = product_q$q;
        product_wide = ((product$work) & 22'h3fffff);
        if (product$work[32'hf]) begin
            product_wide = ((product$work) & 22'h3fffff) | product_fill;
        end
        sum = acc + product_wide;
        placed_sum$work = ((sum) & 176'hffffffffffffffffffffffffffffffffffffffffffff) << offset;
        product = product$work;
        placed_sum = placed_sum$work;
    end

endmodule // spoon_board$core$fc$lanes$7


module spoon_board$core$fc$lanes$7$a_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$7$a_q


module spoon_board$core$fc$lanes$7$b_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$7$b_q


module spoon_board$core$fc$lanes$7$product_q(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$lanes$7$product_q


module spoon_board$core$fc$learn_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$learn_q


module spoon_board$core$fc$mac_address(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$mac_address


module spoon_board$core$fc$mac_operands(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$mac_operands


module spoon_board$core$fc$mac_operands_address(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$mac_operands_address


module spoon_board$core$fc$mac_pending(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$mac_pending


module spoon_board$core$fc$mac_read(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$mac_read


module spoon_board$core$fc$mac_read_address(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$mac_read_address


module spoon_board$core$fc$modulation_held(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$modulation_held


module spoon_board$core$fc$output_round(clock,product,round,shift,delta);

    // Module arguments
    input wire  clock;
    input wire  [15:0] product;
    input wire  [15:0] round;
    input wire  [4:0] shift;
    output reg  [9:0] delta;
    reg  [9:0] delta$work;

    // Stub signals
    reg  [17:0] sum_q$d;
    wire  [17:0] sum_q$q;

    // Local signals
    reg  [17:0] product_wide;
    reg  negative;
    reg  [17:0] by16;
    reg  [17:0] by8;
    reg  [17:0] by4;
    reg  [17:0] by2;
    reg  [17:0] shifted;
    reg  fits;

    // Sub module instances
    spoon_board$core$fc$output_round$sum_q sum_q(
        .d(sum_q$d),
        .q(sum_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        sum_q$d = sum_q$q;
        product_wide = ((product) & 18'h3ffff);
        if (product[32'hf]) begin
            product_wide = ((product) & 18'h3ffff) | 64'h30000;
        end
        sum_q$d = product_wide + ((round) & 18'h3ffff);
        negative = sum_q$q[18 - 32'h1];
        by16 = sum_q$q;
        if (shift[32'h4]) begin
            by16 = sum_q$q >> 32'h10;
            if (negative) begin
                by16 = (sum_q$q >> 32'h10) | 64'h3fffc;
            end
        end
        by8 = by16;
        if (shift[32'h3]) begin
            by8 = by16 >> 32'h8;
            if (negative) begin
                by8 = (by16 >> 32'h8) | 64'h3fc00;
            end
        end
        by4 = by8;
        if (shift[32'h2]) begin
            by4 = by8 >> 32'h4;
            if (negative) begin
                by4 = (by8 >> 32'h4) | 64'h3c000;
            end
        end
        by2 = by4;
        if (shift[32'h1]) begin
            by2 = by4 >> 32'h2;
            if (negative) begin
                by2 = (by4 >> 32'h2) | 64'h30000;
            end
        end
        shifted = by2;
        if (shift[32'h0]) begin
            shifted = by2 >> 32'h1;
            if (negative) begin
                shifted = (by2 >> 32'h1) | 64'h20000;
            end
        end
        fits = ~|shifted[(32'h8)+:(10)] || &shifted[(32'h8)+:(10)];
        delta$work = ((shifted) & 10'h3ff);
        if (~fits) begin
            delta$work = 32'hff;
            if (shifted[18 - 32'h1]) begin
                delta$work = 32'h300;
            end
        end
        delta = delta$work;
    end

endmodule // spoon_board$core$fc$output_round


module spoon_board$core$fc$output_round$sum_q(d,q,clock);

    // Module arguments
    input wire  [17:0] d;
    output reg  [17:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 18'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$output_round$sum_q


module spoon_board$core$fc$output_weights(clock,address,read_enable,read_data,write_enable,write_data);

    // Module arguments
    input wire  clock;
    input wire  [7:0] address;
    input wire  read_enable;
    output reg  [63:0] read_data;
    input wire  write_enable;
    input wire  [63:0] write_data;

    // Update code (custom)
    reg [63:0] mem [0:199];

    always @(posedge clock) begin
        if (write_enable) begin
            mem[address] <= write_data;
        end else if (read_enable) begin
            read_data <= mem[address];
        end
    end
endmodule // spoon_board$core$fc$output_weights


module spoon_board$core$fc$pass(d,q,clock);

    // Module arguments
    input wire  [1:0] d;
    output reg  [1:0] q;
    input wire  clock;

    // Enums

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$pass


module spoon_board$core$fc$phase(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Enums

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$phase


module spoon_board$core$fc$projection(clock,load,label,base,step,signs);

    // Module arguments
    input wire  clock;
    input wire  load;
    input wire  [7:0] label;
    input wire  [31:0] base;
    input wire  step;
    output reg  [7:0] signs;
    reg  [7:0] signs$work;

    // Stub signals
    reg  [31:0] state$d;
    wire  [31:0] state$q;
    wire  [31:0] constants$data;
    reg  [31:0] steps$state;
    reg  [31:0] steps$state$work;
    wire  [31:0] steps$after8;
    wire  [7:0] steps$out8;

    // Local signals
    reg  [31:0] seed;

    // Sub module instances
    spoon_board$core$fc$projection$state state(
        .d(state$d),
        .q(state$q),
        .clock(clock)
    );
    spoon_board$core$fc$projection$constants constants(
        .address(label),
        .data(constants$data)
    );
    spoon_board$core$fc$projection$steps steps(
        .state(steps$state),
        .after8(steps$after8),
        .out8(steps$out8)
    );

    // Update code
    always @(*) begin
        state$d = state$q;
        seed = base ^ constants$data;
        if (~|seed) begin
            seed = 32'h1;
        end
        steps$state$work = state$q;
        signs$work = steps$out8;
        if (step) begin
            state$d = steps$after8;
        end
        if (load) begin
            state$d = seed;
        end
        steps$state = steps$state$work;
        signs = signs$work;
    end

endmodule // spoon_board$core$fc$projection


module spoon_board$core$fc$projection$constants(address,data);

    // Module arguments
    input wire  [7:0] address;
    output reg  [31:0] data;

    // Update code (custom)
    always @*
    case (address)
        8'h0: data = 32'h9e3779b9;
      8'h1: data = 32'h3c6ef372;
      8'h2: data = 32'hdaa66d2b;
      8'h3: data = 32'h78dde6e4;
      8'h4: data = 32'h1715609d;
      8'h5: data = 32'hb54cda56;
      8'h6: data = 32'h5384540f;
      8'h7: data = 32'hf1bbcdc8;
      8'h8: data = 32'h8ff34781;
      8'h9: data = 32'h2e2ac13a;
      default: data = 32'h0;
    endcase

endmodule // spoon_board$core$fc$projection$constants


module spoon_board$core$fc$projection$state(d,q,clock);

    // Module arguments
    input wire  [31:0] d;
    output reg  [31:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 32'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$projection$state


module spoon_board$core$fc$projection$steps(state,after8,out8);

    // Module arguments
    input wire  [31:0] state;
    output reg  [31:0] after8;
    reg  [31:0] after8$work;
    output reg  [7:0] out8;
    reg  [7:0] out8$work;

    // Local signals
    reg  [31:0] stage$0;
    reg  [31:0] stage$1;
    reg  [31:0] stage$2;
    reg  [31:0] stage$3;
    reg  [31:0] stage$4;
    reg  [31:0] stage$5;
    reg  [31:0] stage$6;
    reg  [31:0] stage$7;
    reg  [31:0] stage$8;
    reg  [7:0] shifted$0;
    reg  [7:0] shifted$1;
    reg  [7:0] shifted$2;
    reg  [7:0] shifted$3;
    reg  [7:0] shifted$4;
    reg  [7:0] shifted$5;
    reg  [7:0] shifted$6;
    reg  [7:0] shifted$7;
    reg  [7:0] shifted$8;

    // Update code
    always @(*) begin
        stage$0 = state;
        shifted$0 = 32'h0;
        stage$1 = stage$0 >> 32'h1;
        if (stage$0[32'h0]) begin
            stage$1 = (stage$0 >> 32'h1) ^ 64'h80200003;
        end
        shifted$1 = (shifted$0 & ~(1 << (0)) | ((stage$0[32'h0]) << (0)));
        stage$2 = stage$1 >> 32'h1;
        if (stage$1[32'h0]) begin
            stage$2 = (stage$1 >> 32'h1) ^ 64'h80200003;
        end
        shifted$2 = (shifted$1 & ~(1 << (1)) | ((stage$1[32'h0]) << (1)));
        stage$3 = stage$2 >> 32'h1;
        if (stage$2[32'h0]) begin
            stage$3 = (stage$2 >> 32'h1) ^ 64'h80200003;
        end
        shifted$3 = (shifted$2 & ~(1 << (2)) | ((stage$2[32'h0]) << (2)));
        stage$4 = stage$3 >> 32'h1;
        if (stage$3[32'h0]) begin
            stage$4 = (stage$3 >> 32'h1) ^ 64'h80200003;
        end
        shifted$4 = (shifted$3 & ~(1 << (3)) | ((stage$3[32'h0]) << (3)));
        stage$5 = stage$4 >> 32'h1;
        if (stage$4[32'h0]) begin
            stage$5 = (stage$4 >> 32'h1) ^ 64'h80200003;
        end
        shifted$5 = (shifted$4 & ~(1 << (4)) | ((stage$4[32'h0]) << (4)));
        stage$6 = stage$5 >> 32'h1;
        if (stage$5[32'h0]) begin
            stage$6 = (stage$5 >> 32'h1) ^ 64'h80200003;
        end
        shifted$6 = (shifted$5 & ~(1 << (5)) | ((stage$5[32'h0]) << (5)));
        stage$7 = stage$6 >> 32'h1;
        if (stage$6[32'h0]) begin
            stage$7 = (stage$6 >> 32'h1) ^ 64'h80200003;
        end
        shifted$7 = (shifted$6 & ~(1 << (6)) | ((stage$6[32'h0]) << (6)));
        stage$8 = stage$7 >> 32'h1;
        if (stage$7[32'h0]) begin
            stage$8 = (stage$7 >> 32'h1) ^ 64'h80200003;
        end
        shifted$8 = (shifted$7 & ~(1 << (7)) | ((stage$7[32'h0]) << (7)));
        after8$work = stage$8;
        out8$work = shifted$8;
        after8 = after8$work;
        out8 = out8$work;
    end

endmodule // spoon_board$core$fc$projection$steps


module spoon_board$core$fc$round(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$round


module spoon_board$core$fc$rounded(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$rounded


module spoon_board$core$fc$rounding(d,q,clock);

    // Module arguments
    input wire  [31:0] d;
    output reg  [31:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 32'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$rounding


module spoon_board$core$fc$row(d,q,clock);

    // Module arguments
    input wire  [13:0] d;
    output reg  [13:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 14'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$row


module spoon_board$core$fc$scan(clock,reset,start,layer,allow_read,read,address,word,valid,value,row,take,done);

    // Module arguments
    input wire  clock;
    input wire  reset;
    input wire  start;
    input wire  layer;
    input wire  allow_read;
    output reg  read;
    reg  read$work;
    output reg  [6:0] address;
    reg  [6:0] address$work;
    input wire  [63:0] word;
    output reg  valid;
    reg  valid$work;
    output reg  [7:0] value;
    reg  [7:0] value$work;
    output reg  [13:0] row;
    reg  [13:0] row$work;
    input wire  take;
    output reg  done;
    reg  done$work;

    // Constant declarations
    localparam [6:0] last_index0 = 7'b1111111;
    localparam [6:0] last_index1 = 7'b1100;
    localparam [7:0] last_group0 = 8'h1;
    localparam [7:0] last_group1 = 8'hc;
    localparam [7:0] last_mask0 = 8'hff;
    localparam [7:0] last_mask1 = 8'hf;
    localparam [13:0] step0 = 14'b1101000;
    localparam [13:0] step1 = 14'b10000;
    localparam [13:0] position_step0 = 14'b1101000;
    localparam [13:0] offsets0$0 = 14'b0;
    localparam [13:0] offsets0$1 = 14'b1101;
    localparam [13:0] offsets0$2 = 14'b11010;
    localparam [13:0] offsets0$3 = 14'b100111;
    localparam [13:0] offsets0$4 = 14'b110100;
    localparam [13:0] offsets0$5 = 14'b1000001;
    localparam [13:0] offsets0$6 = 14'b1001110;
    localparam [13:0] offsets0$7 = 14'b1011011;
    localparam [13:0] offsets1$0 = 14'b0;
    localparam [13:0] offsets1$1 = 14'b10;
    localparam [13:0] offsets1$2 = 14'b100;
    localparam [13:0] offsets1$3 = 14'b110;
    localparam [13:0] offsets1$4 = 14'b1000;
    localparam [13:0] offsets1$5 = 14'b1010;
    localparam [13:0] offsets1$6 = 14'b1100;
    localparam [13:0] offsets1$7 = 14'b1110;
    localparam [7:0] below$0 = 8'h0;
    localparam [7:0] below$1 = 8'h1;
    localparam [7:0] below$2 = 8'h3;
    localparam [7:0] below$3 = 8'h7;
    localparam [7:0] below$4 = 8'hf;
    localparam [7:0] below$5 = 8'h1f;
    localparam [7:0] below$6 = 8'h3f;
    localparam [7:0] below$7 = 8'h7f;

    // Enums
    localparam ScanState$Idle = 0;
    localparam ScanState$NeedRead = 1;
    localparam ScanState$Fresh = 2;
    localparam ScanState$Hold = 3;

    // Stub signals
    reg  [1:0] state$d;
    wire  [1:0] state$q;
    reg  layer_q$d;
    wire  layer_q$q;
    reg  [6:0] index$d;
    wire  [6:0] index$q;
    reg  [7:0] group$d;
    wire  [7:0] group$q;
    reg  [13:0] row_base$d;
    wire  [13:0] row_base$q;
    reg  [63:0] word_q$d;
    wire  [63:0] word_q$q;
    reg  [7:0] pending_q$d;
    wire  [7:0] pending_q$q;

    // Local signals
    reg  [7:0] nonzero;
    reg  [7:0] arrived;
    reg  last_group;
    reg  [7:0] lane_mask;
    reg  [7:0] lowest;
    reg  [7:0] rest;
    reg  [13:0] lane_offset;
    reg  exhausted;
    reg  [6:0] last_index;
    reg  [6:0] next_index;

    // Sub module instances
    spoon_board$core$fc$scan$state state(
        .d(state$d),
        .q(state$q),
        .clock(clock)
    );
    spoon_board$core$fc$scan$layer_q layer_q(
        .d(layer_q$d),
        .q(layer_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$scan$index index(
        .d(index$d),
        .q(index$q),
        .clock(clock)
    );
    spoon_board$core$fc$scan$group group(
        .d(group$d),
        .q(group$q),
        .clock(clock)
    );
    spoon_board$core$fc$scan$row_base row_base(
        .d(row_base$d),
        .q(row_base$q),
        .clock(clock)
    );
    spoon_board$core$fc$scan$word_q word_q(
        .d(word_q$d),
        .q(word_q$q),
        .clock(clock)
    );
    spoon_board$core$fc$scan$pending_q pending_q(
        .d(pending_q$d),
        .q(pending_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        state$d = state$q;
        layer_q$d = layer_q$q;
        index$d = index$q;
        group$d = group$q;
        row_base$d = row_base$q;
        word_q$d = word_q$q;
        pending_q$d = pending_q$q;
        last_index = last_index0;
        last_group = group$q == last_group0;
        if (layer_q$q) begin
            last_index = last_index1;
            last_group = group$q == last_group1;
        end
        lane_mask = 32'hff;
        if (last_group) begin
            lane_mask = last_mask0;
            if (layer_q$q) begin
                lane_mask = last_mask1;
            end
        end
        nonzero = 32'h0;
        nonzero = (nonzero & ~(1 << (0)) | ((|word[(0 * 8)+:(8)]) << (0)));
        nonzero = (nonzero & ~(1 << (1)) | ((|word[(1 * 8)+:(8)]) << (1)));
        nonzero = (nonzero & ~(1 << (2)) | ((|word[(2 * 8)+:(8)]) << (2)));
        nonzero = (nonzero & ~(1 << (3)) | ((|word[(3 * 8)+:(8)]) << (3)));
        nonzero = (nonzero & ~(1 << (4)) | ((|word[(4 * 8)+:(8)]) << (4)));
        nonzero = (nonzero & ~(1 << (5)) | ((|word[(5 * 8)+:(8)]) << (5)));
        nonzero = (nonzero & ~(1 << (6)) | ((|word[(6 * 8)+:(8)]) << (6)));
        nonzero = (nonzero & ~(1 << (7)) | ((|word[(7 * 8)+:(8)]) << (7)));
        arrived = nonzero & lane_mask;
        lowest = 32'h0;
        lowest = (lowest & ~(1 << (0)) | ((pending_q$q[0] && ~|(pending_q$q & below$0)) << (0)));
        lowest = (lowest & ~(1 << (1)) | ((pending_q$q[1] && ~|(pending_q$q & below$1)) << (1)));
        lowest = (lowest & ~(1 << (2)) | ((pending_q$q[2] && ~|(pending_q$q & below$2)) << (2)));
        lowest = (lowest & ~(1 << (3)) | ((pending_q$q[3] && ~|(pending_q$q & below$3)) << (3)));
        lowest = (lowest & ~(1 << (4)) | ((pending_q$q[4] && ~|(pending_q$q & below$4)) << (4)));
        lowest = (lowest & ~(1 << (5)) | ((pending_q$q[5] && ~|(pending_q$q & below$5)) << (5)));
        lowest = (lowest & ~(1 << (6)) | ((pending_q$q[6] && ~|(pending_q$q & below$6)) << (6)));
        lowest = (lowest & ~(1 << (7)) | ((pending_q$q[7] && ~|(pending_q$q & below$7)) << (7)));
        rest = pending_q$q & ~lowest;
        value$work = 32'h0;
        lane_offset = 32'h0;
        if (lowest[0]) begin
            value$work = word_q$q[(0 * 8)+:(8)];
            lane_offset = offsets0$0;
            if (layer_q$q) begin
                lane_offset = offsets1$0;
            end
        end
        if (lowest[1]) begin
            value$work = word_q$q[(1 * 8)+:(8)];
            lane_offset = offsets0$1;
            if (layer_q$q) begin
                lane_offset = offsets1$1;
            end
        end
        if (lowest[2]) begin
            value$work = word_q$q[(2 * 8)+:(8)];
            lane_offset = offsets0$2;
            if (layer_q$q) begin
                lane_offset = offsets1$2;
            end
        end
        if (lowest[3]) begin
            value$work = word_q$q[(3 * 8)+:(8)];
            lane_offset = offsets0$3;
            if (layer_q$q) begin
                lane_offset = offsets1$3;
            end
        end
        if (lowest[4]) begin
            value$work = word_q$q[(4 * 8)+:(8)];
            lane_offset = offsets0$4;
            if (layer_q$q) begin
                lane_offset = offsets1$4;
            end
        end
        if (lowest[5]) begin
            value$work = word_q$q[(5 * 8)+:(8)];
            lane_offset = offsets0$5;
            if (layer_q$q) begin
                lane_offset = offsets1$5;
            end
        end
        if (lowest[6]) begin
            value$work = word_q$q[(6 * 8)+:(8)];
            lane_offset = offsets0$6;
            if (layer_q$q) begin
                lane_offset = offsets1$6;
            end
        end
        if (lowest[7]) begin
            value$work = word_q$q[(7 * 8)+:(8)];
            lane_offset = offsets0$7;
            if (layer_q$q) begin
                lane_offset = offsets1$7;
            end
        end
        row$work = row_base$q + lane_offset;
        valid$work = (state$q == ScanState$Hold) && |pending_q$q;
        done$work = state$q == ScanState$Idle;
        exhausted = ~|pending_q$q || (take && ~|rest);
        next_index = index$q + 32'h1;
        read$work = 1'b0;
        address$work = index$q;
        case (state$q)
            ScanState$Idle:
                begin
                end
            ScanState$NeedRead:
                begin
                    if (allow_read) begin
                        read$work = 1'b1;
                        state$d = ScanState$Fresh;
                    end
                end
            ScanState$Fresh:
                begin
                    word_q$d = word;
                    pending_q$d = arrived;
                    state$d = ScanState$Hold;
                end
            ScanState$Hold:
                begin
                    if (take) begin
                        pending_q$d = rest;
                    end
                    if (exhausted) begin
                        if (index$q == last_index) begin
                            state$d = ScanState$Idle;
                        end
                        else begin
                            index$d = next_index;
                            group$d = group$q + 32'h1;
                            if (layer_q$q) begin
                                row_base$d = row_base$q + step1;
                            end
                            else begin
                                row_base$d = row_base$q + step0;
                                if (last_group) begin
                                    group$d = 32'h0;
                                    row_base$d = row_base$q + position_step0;
                                end
                            end
                            state$d = ScanState$NeedRead;
                            if (allow_read) begin
                                read$work = 1'b1;
                                address$work = next_index;
                                state$d = ScanState$Fresh;
                            end
                        end
                    end
                end
        endcase
        if (start) begin
            state$d = ScanState$NeedRead;
            layer_q$d = layer;
            index$d = 32'h0;
            group$d = 32'h0;
            row_base$d = 32'h0;
        end
        if (reset) begin
            state$d = ScanState$Idle;
        end
        value = value$work;
        row = row$work;
        valid = valid$work;
        done = done$work;
        read = read$work;
        address = address$work;
    end

endmodule // spoon_board$core$fc$scan


module spoon_board$core$fc$scan$group(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$group


module spoon_board$core$fc$scan$index(d,q,clock);

    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 7'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$index


module spoon_board$core$fc$scan$layer_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$layer_q


module spoon_board$core$fc$scan$pending_q(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$pending_q


module spoon_board$core$fc$scan$row_base(d,q,clock);

    // Module arguments
    input wire  [13:0] d;
    output reg  [13:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 14'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$row_base


module spoon_board$core$fc$scan$state(d,q,clock);

    // Module arguments
    input wire  [1:0] d;
    output reg  [1:0] q;
    input wire  clock;

    // Enums

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$state


module spoon_board$core$fc$scan$word_q(d,q,clock);

    // Module arguments
    input wire  [63:0] d;
    output reg  [63:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$scan$word_q


module spoon_board$core$fc$shift_lanes(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$shift_lanes


module spoon_board$core$fc$updates$0(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h0;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$0$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$0


module spoon_board$core$fc$updates$0$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$0$delta_q


module spoon_board$core$fc$updates$1(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h8;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$1$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$1


module spoon_board$core$fc$updates$1$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$1$delta_q


module spoon_board$core$fc$updates$2(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h10;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$2$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$2


module spoon_board$core$fc$updates$2$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$2$delta_q


module spoon_board$core$fc$updates$3(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h18;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$3$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$3


module spoon_board$core$fc$updates$3$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$3$delta_q


module spoon_board$core$fc$updates$4(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h20;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$4$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$4


module spoon_board$core$fc$updates$4$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$4$delta_q


module spoon_board$core$fc$updates$5(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h28;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$5$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$5


module spoon_board$core$fc$updates$5$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$5$delta_q


module spoon_board$core$fc$updates$6(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h30;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$6$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$6


module spoon_board$core$fc$updates$6$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$6$delta_q


module spoon_board$core$fc$updates$7(clock,weight,output_layer,modulation,rounded,rounded_negated,output_delta,load_delta,placed);

    // Module arguments
    input wire  clock;
    input wire  [7:0] weight;
    input wire  output_layer;
    input wire  [1:0] modulation;
    input wire  [7:0] rounded;
    input wire  [9:0] rounded_negated;
    input wire  [9:0] output_delta;
    input wire  load_delta;
    output reg  [63:0] placed;
    reg  [63:0] placed$work;

    // Constant declarations
    localparam [7:0] offset = 8'h38;
    localparam [9:0] lo = 10'b1110000000;
    localparam [9:0] hi = 10'b1111111;
    localparam [9:0] high_mask = 10'b1110000000;

    // Stub signals
    reg  [9:0] delta_q$d;
    wire  [9:0] delta_q$q;

    // Local signals
    reg  [9:0] rounded_wide;
    reg  [9:0] delta;
    reg  [9:0] weight_wide;
    reg  [9:0] total;
    reg  [9:0] high;
    reg  [9:0] saturated;
    reg  [7:0] new_weight;

    // Sub module instances
    spoon_board$core$fc$updates$7$delta_q delta_q(
        .d(delta_q$d),
        .q(delta_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        delta_q$d = delta_q$q;
        if (load_delta) begin
            delta_q$d = output_delta;
        end
        delta = delta_q$q;
        rounded_wide = ((rounded) & 10'h3ff);
        if (~output_layer) begin
            delta = 32'h0;
            if (modulation == 32'h1) begin
                delta = rounded_negated;
            end
            if (modulation == 32'h3) begin
                delta = rounded_wide;
            end
        end
        weight_wide = ((weight) & 10'h3ff);
        if (weight[8 - 32'h1]) begin
            weight_wide = ((weight) & 10'h3ff) | 64'h300;
        end
        total = weight_wide + delta;
        high = total & high_mask;
        saturated = total;
        if (|high && (high != high_mask)) begin
            saturated = hi;
            if (total[10 - 32'h1]) begin
                saturated = lo;
            end
        end
        new_weight = ((saturated) & 8'hff);
        placed$work = ((new_weight) & 64'hffffffffffffffff) << offset;
        placed = placed$work;
    end

endmodule // spoon_board$core$fc$updates$7


module spoon_board$core$fc$updates$7$delta_q(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$updates$7$delta_q


module spoon_board$core$fc$weight_held(d,q,clock);

    // Module arguments
    input wire  [63:0] d;
    output reg  [63:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$weight_held


module spoon_board$core$fc$x(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fc$x


module spoon_board$core$fifo(clock,reset,in_valid,in_data,in_ready,pop,empty,out_data);

    // Module arguments
    input wire  clock;
    input wire  reset;
    input wire  in_valid;
    input wire  [17:0] in_data;
    output reg  in_ready;
    reg  in_ready$work;
    input wire  pop;
    output reg  empty;
    reg  empty$work;
    output reg  [17:0] out_data;
    reg  [17:0] out_data$work;

    // Constant declarations
    localparam [4:0] depth = 5'b10000;
    localparam [4:0] ready_limit = 5'b1110;
    localparam [3:0] pointer_mask = 4'hf;

    // Stub signals
    reg  [3:0] words$read_address;
    reg  words$read_enable;
    wire  [17:0] words$read_data;
    reg  [3:0] words$write_address;
    reg  words$write_enable;
    reg  [3:0] read_pointer$d;
    wire  [3:0] read_pointer$q;
    reg  [3:0] write_pointer$d;
    wire  [3:0] write_pointer$q;
    reg  [4:0] held$d;
    wire  [4:0] held$q;
    reg  holds_q$d;
    wire  holds_q$q;
    reg  tight_q$d;
    wire  tight_q$q;

    // Local signals
    reg  [4:0] held_next;
    reg  push;
    reg  take;

    // Sub module instances
    spoon_board$core$fifo$words words(
        .clock(clock),
        .read_address(words$read_address),
        .read_enable(words$read_enable),
        .read_data(words$read_data),
        .write_address(words$write_address),
        .write_enable(words$write_enable),
        .write_data(in_data)
    );
    spoon_board$core$fifo$read_pointer read_pointer(
        .d(read_pointer$d),
        .q(read_pointer$q),
        .clock(clock)
    );
    spoon_board$core$fifo$write_pointer write_pointer(
        .d(write_pointer$d),
        .q(write_pointer$q),
        .clock(clock)
    );
    spoon_board$core$fifo$held held(
        .d(held$d),
        .q(held$q),
        .clock(clock)
    );
    spoon_board$core$fifo$holds_q holds_q(
        .d(holds_q$d),
        .q(holds_q$q),
        .clock(clock)
    );
    spoon_board$core$fifo$tight_q tight_q(
        .d(tight_q$d),
        .q(tight_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        read_pointer$d = read_pointer$q;
        write_pointer$d = write_pointer$q;
        held$d = held$q;
        holds_q$d = holds_q$q;
        tight_q$d = tight_q$q;
        in_ready$work = ~tight_q$q;
        empty$work = ~holds_q$q;
        push = in_valid && (held$q != depth);
        take = pop && ~empty$work;
        words$write_address = write_pointer$q;
        words$write_enable = push;
        words$read_address = read_pointer$q;
        words$read_enable = take;
        out_data$work = words$read_data;
        if (push) begin
            write_pointer$d = (write_pointer$q + 32'h1) & pointer_mask;
        end
        if (take) begin
            read_pointer$d = (read_pointer$q + 32'h1) & pointer_mask;
        end
        held_next = held$q;
        if (push && ~take) begin
            held_next = held$q + 32'h1;
        end
        if (take && ~push) begin
            held_next = held$q - 32'h1;
        end
        if (reset) begin
            read_pointer$d = 32'h0;
            write_pointer$d = 32'h0;
            held_next = 32'h0;
        end
        held$d = held_next;
        holds_q$d = |held_next;
        tight_q$d = held_next > ready_limit;
        in_ready = in_ready$work;
        empty = empty$work;
        out_data = out_data$work;
    end

endmodule // spoon_board$core$fifo


module spoon_board$core$fifo$held(d,q,clock);

    // Module arguments
    input wire  [4:0] d;
    output reg  [4:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 5'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fifo$held


module spoon_board$core$fifo$holds_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fifo$holds_q


module spoon_board$core$fifo$read_pointer(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fifo$read_pointer


module spoon_board$core$fifo$tight_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fifo$tight_q


module spoon_board$core$fifo$words(clock,read_address,read_enable,read_data,write_address,write_enable,write_data);

    // Module arguments
    input wire  clock;
    input wire  [3:0] read_address;
    input wire  read_enable;
    output reg  [17:0] read_data;
    input wire  [3:0] write_address;
    input wire  write_enable;
    input wire  [17:0] write_data;

    // Update code (custom)
    (* no_rw_check *)
    reg [17:0] mem [0:15];

    always @(posedge clock) begin
        if (write_enable) begin
            mem[write_address] <= write_data;
        end
        if (read_enable) begin
            read_data <= mem[read_address];
        end
    end
endmodule // spoon_board$core$fifo$words


module spoon_board$core$fifo$write_pointer(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$fifo$write_pointer


module spoon_board$core$ignored(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$ignored


module spoon_board$core$in_shown(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$in_shown


module spoon_board$core$label(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$label


module spoon_board$core$learn(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$learn


module spoon_board$core$phase(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Enums

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$phase


module spoon_board$core$pin_cfg_address(d,q,clock);

    // Module arguments
    input wire  [16:0] d;
    output reg  [16:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 17'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_cfg_address


module spoon_board$core$pin_cfg_select(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_cfg_select


module spoon_board$core$pin_cfg_valid(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_cfg_valid


module spoon_board$core$pin_cfg_wdata(d,q,clock);

    // Module arguments
    input wire  [63:0] d;
    output reg  [63:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_cfg_wdata


module spoon_board$core$pin_cfg_word(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_cfg_word


module spoon_board$core$pin_cfg_write(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_cfg_write


module spoon_board$core$pin_in_data(d,q,clock);

    // Module arguments
    input wire  [17:0] d;
    output reg  [17:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 18'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_in_data


module spoon_board$core$pin_in_valid(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_in_valid


module spoon_board$core$pin_reset(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$core$pin_reset


module spoon_board$last_class(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$last_class


module spoon_board$link(clock,rx_valid,rx_data,rx_error,tx_send,tx_data,tx_ready,in_valid,in_data,in_ready,cfg_valid,cfg_write,cfg_word,cfg_select,cfg_address,cfg_wdata,cfg_ready,cfg_rdata,cfg_rvalid,out_valid,out_class,busy,link_busy,error_seen);

    // Module arguments
    input wire  clock;
    input wire  rx_valid;
    input wire  [7:0] rx_data;
    input wire  rx_error;
    output reg  tx_send;
    reg  tx_send$work;
    output reg  [7:0] tx_data;
    reg  [7:0] tx_data$work;
    input wire  tx_ready;
    output reg  in_valid;
    reg  in_valid$work;
    output reg  [17:0] in_data;
    reg  [17:0] in_data$work;
    input wire  in_ready;
    output reg  cfg_valid;
    reg  cfg_valid$work;
    output reg  cfg_write;
    reg  cfg_write$work;
    output reg  cfg_word;
    reg  cfg_word$work;
    output reg  [3:0] cfg_select;
    reg  [3:0] cfg_select$work;
    output reg  [16:0] cfg_address;
    reg  [16:0] cfg_address$work;
    output reg  [63:0] cfg_wdata;
    reg  [63:0] cfg_wdata$work;
    input wire  cfg_ready;
    input wire  [63:0] cfg_rdata;
    input wire  cfg_rvalid;
    input wire  out_valid;
    input wire  [7:0] out_class;
    input wire  busy;
    output reg  link_busy;
    reg  link_busy$work;
    output reg  error_seen;
    reg  error_seen$work;

    // Constant declarations
    localparam [25:0] quiet_mask = 26'h1fff;
    localparam [25:0] quiet_limit = 26'h1f40;
    localparam [63:0] version = 64'h100000000000000;
    localparam [7:0] opcode_status = 8'h20;
    localparam [7:0] tag_element = 8'hd0;
    localparam [7:0] tag_burst = 8'hd1;
    localparam [7:0] tag_status = 8'hb0;
    localparam [7:0] tag_class = 8'hc0;
    localparam [7:0] tag_error = 8'he0;
    localparam [7:0] error_overrun = 8'h1;
    localparam [7:0] error_bad_command = 8'h2;
    localparam [7:0] error_framing = 8'h4;
    localparam [7:0] error_class_lost = 8'h8;
    localparam [3:0] aer_header = 4'h2;
    localparam [3:0] config_header = 4'h6;
    localparam [3:0] word_bytes = 4'h8;
    localparam [3:0] element_bytes = 4'h2;

    // Enums
    localparam LinkPhase$Opcode = 0;
    localparam LinkPhase$Header = 1;
    localparam LinkPhase$Execute = 2;
    localparam LinkPhase$Data = 3;
    localparam LinkPhase$Issue = 4;
    localparam LinkPhase$ReadWait = 5;
    localparam LinkPhase$Reply = 6;
    localparam LinkPhase$Discard = 7;

    // Stub signals
    reg  [2:0] phase$d;
    wire  [2:0] phase$q;
    reg  [7:0] opcode$d;
    wire  [7:0] opcode$q;
    reg  [3:0] stage$d;
    wire  [3:0] stage$q;
    reg  [63:0] shift$d;
    wire  [63:0] shift$q;
    reg  [3:0] select$d;
    wire  [3:0] select$q;
    reg  [16:0] address$d;
    wire  [16:0] address$q;
    reg  [15:0] count$d;
    wire  [15:0] count$q;
    reg  [7:0] reply_tag$d;
    wire  [7:0] reply_tag$q;
    reg  tag_pending$d;
    wire  tag_pending$q;
    reg  [3:0] reply_bytes$d;
    wire  [3:0] reply_bytes$q;
    reg  class_pending$d;
    wire  class_pending$q;
    reg  [7:0] class_q$d;
    wire  [7:0] class_q$q;
    reg  [7:0] errors$d;
    wire  [7:0] errors$q;
    reg  discard$d;
    wire  discard$q;
    reg  error_seen_q$d;
    wire  error_seen_q$q;
    reg  [1:0] message$d;
    wire  [1:0] message$q;
    reg  [25:0] quiet$d;
    wire  [25:0] quiet$q;

    // Local signals
    reg  [25:0] quiet_next;
    reg  [7:0] new_errors;
    reg  op_aer;
    reg  op_config;
    reg  byte_aer;
    reg  byte_config;
    reg  accepting;
    reg  taken;
    reg  sending_errors;
    reg  sending_class;
    reg  [63:0] shifted_in;
    reg  [63:0] status_reply;

    // Sub module instances
    spoon_board$link$phase phase(
        .d(phase$d),
        .q(phase$q),
        .clock(clock)
    );
    spoon_board$link$opcode opcode(
        .d(opcode$d),
        .q(opcode$q),
        .clock(clock)
    );
    spoon_board$link$stage stage(
        .d(stage$d),
        .q(stage$q),
        .clock(clock)
    );
    spoon_board$link$shift shift(
        .d(shift$d),
        .q(shift$q),
        .clock(clock)
    );
    spoon_board$link$select select(
        .d(select$d),
        .q(select$q),
        .clock(clock)
    );
    spoon_board$link$address address(
        .d(address$d),
        .q(address$q),
        .clock(clock)
    );
    spoon_board$link$count count(
        .d(count$d),
        .q(count$q),
        .clock(clock)
    );
    spoon_board$link$reply_tag reply_tag(
        .d(reply_tag$d),
        .q(reply_tag$q),
        .clock(clock)
    );
    spoon_board$link$tag_pending tag_pending(
        .d(tag_pending$d),
        .q(tag_pending$q),
        .clock(clock)
    );
    spoon_board$link$reply_bytes reply_bytes(
        .d(reply_bytes$d),
        .q(reply_bytes$q),
        .clock(clock)
    );
    spoon_board$link$class_pending class_pending(
        .d(class_pending$d),
        .q(class_pending$q),
        .clock(clock)
    );
    spoon_board$link$class_q class_q(
        .d(class_q$d),
        .q(class_q$q),
        .clock(clock)
    );
    spoon_board$link$errors errors(
        .d(errors$d),
        .q(errors$q),
        .clock(clock)
    );
    spoon_board$link$discard discard(
        .d(discard$d),
        .q(discard$q),
        .clock(clock)
    );
    spoon_board$link$error_seen_q error_seen_q(
        .d(error_seen_q$d),
        .q(error_seen_q$q),
        .clock(clock)
    );
    spoon_board$link$message message(
        .d(message$d),
        .q(message$q),
        .clock(clock)
    );
    spoon_board$link$quiet quiet(
        .d(quiet$d),
        .q(quiet$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        phase$d = phase$q;
        opcode$d = opcode$q;
        stage$d = stage$q;
        shift$d = shift$q;
        select$d = select$q;
        address$d = address$q;
        count$d = count$q;
        reply_tag$d = reply_tag$q;
        tag_pending$d = tag_pending$q;
        reply_bytes$d = reply_bytes$q;
        class_pending$d = class_pending$q;
        class_q$d = class_q$q;
        errors$d = errors$q;
        discard$d = discard$q;
        error_seen_q$d = error_seen_q$q;
        message$d = message$q;
        quiet$d = quiet$q;
        quiet_next = quiet$q;
        op_aer = opcode$q[(32'h2)+:(6)] == 32'h1;
        op_config = opcode$q[(32'h2)+:(6)] == 32'h4;
        byte_aer = rx_data[(32'h2)+:(6)] == 32'h1;
        byte_config = rx_data[(32'h2)+:(6)] == 32'h4;
        shifted_in = (shift$q << 32'h8) | ((rx_data) & 64'hffffffffffffffff);
        status_reply = version | (((busy) & 64'hffffffffffffffff) << 32'h30) | (((error_seen_q$q) & 64'hffffffffffffffff) << 32'h31);
        accepting = (phase$q == LinkPhase$Opcode) || (phase$q == LinkPhase$Header) || (phase$q == LinkPhase$Data) || (phase$q == LinkPhase$Discard);
        in_valid$work = (phase$q == LinkPhase$Issue) && op_aer;
        in_data$work = ((shift$q[(32'h0)+:(16)]) & 18'h3ffff) | (((opcode$q[(32'h0)+:(2)]) & 18'h3ffff) << 32'h10);
        cfg_valid$work = (phase$q == LinkPhase$Issue) && op_config;
        cfg_write$work = ~opcode$q[32'h0];
        cfg_word$work = opcode$q[32'h1];
        cfg_select$work = select$q;
        cfg_address$work = address$q;
        cfg_wdata$work = shift$q;
        taken = (in_valid$work && in_ready) || (cfg_valid$work && cfg_ready);
        link_busy$work = phase$q != LinkPhase$Opcode;
        error_seen$work = error_seen_q$q;
        new_errors = 32'h0;
        if (rx_valid && ~accepting) begin
            new_errors = error_overrun;
        end
        if (rx_error) begin
            new_errors = error_framing;
        end
        if ((phase$q == LinkPhase$Opcode) && rx_valid && ~discard$q && ~byte_aer && ~byte_config && (rx_data != opcode_status)) begin
            new_errors = error_bad_command;
        end
        if (out_valid) begin
            class_q$d = out_class;
            class_pending$d = 1'b1;
        end
        tx_send$work = 1'b0;
        tx_data$work = shift$q[(32'h38)+:(8)];
        sending_errors = 1'b0;
        sending_class = 1'b0;
        if (message$q == 32'h1) begin
            tx_send$work = 1'b1;
            tx_data$work = errors$q;
            sending_errors = tx_ready;
        end
        else if (message$q == 32'h2) begin
            tx_send$work = 1'b1;
            tx_data$work = class_q$q;
            sending_class = tx_ready;
        end
        else if (phase$q == LinkPhase$Reply) begin
            if (tag_pending$q) begin
                tx_send$work = 1'b1;
                tx_data$work = reply_tag$q;
                if (tx_ready) begin
                    tag_pending$d = 1'b0;
                end
            end
            else if (|reply_bytes$q) begin
                tx_send$work = 1'b1;
                if (tx_ready) begin
                    shift$d = shift$q << 32'h8;
                    reply_bytes$d = reply_bytes$q - 32'h1;
                end
            end
        end
        else if (|errors$q) begin
            tx_send$work = 1'b1;
            tx_data$work = tag_error;
            if (tx_ready) begin
                message$d = 32'h1;
            end
        end
        else if (class_pending$q) begin
            tx_send$work = 1'b1;
            tx_data$work = tag_class;
            if (tx_ready) begin
                message$d = 32'h2;
            end
        end
        if (sending_errors) begin
            message$d = 32'h0;
        end
        if (sending_class) begin
            message$d = 32'h0;
            class_pending$d = out_valid;
        end
        if (out_valid && class_pending$q && ~sending_class) begin
            new_errors = new_errors | error_class_lost;
        end
        if (|new_errors) begin
            error_seen_q$d = 1'b1;
        end
        if (|(new_errors & ~error_class_lost)) begin
            discard$d = 1'b1;
        end
        errors$d = errors$q | new_errors;
        if (sending_errors) begin
            errors$d = new_errors;
        end
        case (phase$q)
            LinkPhase$Opcode:
                begin
                    if (discard$q) begin
                        phase$d = LinkPhase$Discard;
                    end
                    else if (rx_valid) begin
                        opcode$d = rx_data;
                        if (byte_aer) begin
                            phase$d = LinkPhase$Header;
                            stage$d = aer_header;
                        end
                        if (byte_config) begin
                            phase$d = LinkPhase$Header;
                            stage$d = config_header;
                        end
                        if (rx_data == opcode_status) begin
                            shift$d = status_reply;
                            reply_tag$d = tag_status;
                            tag_pending$d = 1'b1;
                            reply_bytes$d = element_bytes;
                            error_seen_q$d = 1'b0;
                            phase$d = LinkPhase$Reply;
                        end
                    end
                end
            LinkPhase$Header:
                begin
                    if (discard$q) begin
                        phase$d = LinkPhase$Discard;
                    end
                    else if (rx_valid) begin
                        shift$d = shifted_in;
                        stage$d = stage$q - 32'h1;
                        if (stage$q == 32'h1) begin
                            phase$d = LinkPhase$Execute;
                        end
                    end
                end
            LinkPhase$Execute:
                begin
                    select$d = shift$q[(32'h28)+:(4)];
                    address$d = shift$q[(32'h10)+:(17)];
                    count$d = shift$q[(32'h0)+:(16)];
                    phase$d = LinkPhase$Issue;
                    if (op_config && opcode$q[32'h1]) begin
                        if (opcode$q[32'h0]) begin
                            reply_tag$d = tag_burst;
                            tag_pending$d = 1'b1;
                            reply_bytes$d = 32'h0;
                            phase$d = LinkPhase$Reply;
                        end
                        else begin
                            stage$d = word_bytes;
                            phase$d = LinkPhase$Data;
                            if (~|shift$q[(32'h0)+:(16)]) begin
                                phase$d = LinkPhase$Opcode;
                            end
                        end
                    end
                end
            LinkPhase$Data:
                begin
                    if (discard$q) begin
                        phase$d = LinkPhase$Discard;
                    end
                    else if (rx_valid) begin
                        shift$d = shifted_in;
                        stage$d = stage$q - 32'h1;
                        if (stage$q == 32'h1) begin
                            phase$d = LinkPhase$Issue;
                        end
                    end
                end
            LinkPhase$Issue:
                begin
                    if (taken) begin
                        phase$d = LinkPhase$Opcode;
                        if (op_config && opcode$q[32'h0]) begin
                            phase$d = LinkPhase$ReadWait;
                        end
                        if (op_config && opcode$q[32'h1]) begin
                            address$d = address$q + 32'h1;
                            count$d = count$q - 32'h1;
                            if (~opcode$q[32'h0] && (count$q != 32'h1)) begin
                                stage$d = word_bytes;
                                phase$d = LinkPhase$Data;
                            end
                        end
                    end
                end
            LinkPhase$ReadWait:
                begin
                    if (cfg_rvalid) begin
                        phase$d = LinkPhase$Reply;
                        if (opcode$q[32'h1]) begin
                            shift$d = cfg_rdata;
                            reply_bytes$d = word_bytes;
                        end
                        else begin
                            shift$d = cfg_rdata << 32'h30;
                            reply_tag$d = tag_element;
                            tag_pending$d = 1'b1;
                            reply_bytes$d = element_bytes;
                        end
                    end
                end
            LinkPhase$Reply:
                begin
                    if (~tag_pending$q && ~|reply_bytes$q) begin
                        phase$d = LinkPhase$Opcode;
                        if (op_config && (opcode$q[(32'h0)+:(2)] == 32'h3) && |count$q) begin
                            phase$d = LinkPhase$Issue;
                        end
                    end
                end
            LinkPhase$Discard:
                begin
                    discard$d = 1'b0;
                    quiet_next = quiet$q + 32'h1;
                    if (rx_valid || rx_error) begin
                        quiet_next = 32'h0;
                    end
                    if (quiet$q == quiet_limit) begin
                        quiet_next = 32'h0;
                        phase$d = LinkPhase$Opcode;
                    end
                end
        endcase
        quiet$d = quiet_next & quiet_mask;
        in_valid = in_valid$work;
        in_data = in_data$work;
        cfg_valid = cfg_valid$work;
        cfg_write = cfg_write$work;
        cfg_word = cfg_word$work;
        cfg_select = cfg_select$work;
        cfg_address = cfg_address$work;
        cfg_wdata = cfg_wdata$work;
        link_busy = link_busy$work;
        error_seen = error_seen$work;
        tx_send = tx_send$work;
        tx_data = tx_data$work;
    end

endmodule // spoon_board$link


module spoon_board$link$address(d,q,clock);

    // Module arguments
    input wire  [16:0] d;
    output reg  [16:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 17'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$address


module spoon_board$link$class_pending(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$class_pending


module spoon_board$link$class_q(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$class_q


module spoon_board$link$count(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$count


module spoon_board$link$discard(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$discard


module spoon_board$link$error_seen_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$error_seen_q


module spoon_board$link$errors(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$errors


module spoon_board$link$message(d,q,clock);

    // Module arguments
    input wire  [1:0] d;
    output reg  [1:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 2'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$message


module spoon_board$link$opcode(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$opcode


module spoon_board$link$phase(d,q,clock);

    // Module arguments
    input wire  [2:0] d;
    output reg  [2:0] q;
    input wire  clock;

    // Enums

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$phase


module spoon_board$link$quiet(d,q,clock);

    // Module arguments
    input wire  [25:0] d;
    output reg  [25:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 26'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$quiet


module spoon_board$link$reply_bytes(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$reply_bytes


module spoon_board$link$reply_tag(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$reply_tag


module spoon_board$link$select(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$select


module spoon_board$link$shift(d,q,clock);

    // Module arguments
    input wire  [63:0] d;
    output reg  [63:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 64'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$shift


module spoon_board$link$stage(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$stage


module spoon_board$link$tag_pending(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$link$tag_pending


module spoon_board$power_on(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$power_on


module spoon_board$receiver(clock,rx,valid,data,framing_error);

    // Module arguments
    input wire  clock;
    input wire  rx;
    output reg  valid;
    reg  valid$work;
    output reg  [7:0] data;
    reg  [7:0] data$work;
    output reg  framing_error;
    reg  framing_error$work;

    // Constant declarations
    localparam [15:0] count_mask = 16'h7;
    localparam [15:0] half_bit = 16'h3;
    localparam [15:0] whole_bit = 16'h7;

    // Stub signals
    reg  sync_low$d;
    wire  sync_low$q;
    reg  line_low$d;
    wire  line_low$q;
    reg  busy$d;
    wire  busy$q;
    reg  [15:0] countdown$d;
    wire  [15:0] countdown$q;
    reg  [3:0] bit_index$d;
    wire  [3:0] bit_index$q;
    reg  [7:0] shift$d;
    wire  [7:0] shift$q;
    reg  valid_q$d;
    wire  valid_q$q;
    reg  error_q$d;
    wire  error_q$q;

    // Local signals
    reg  [15:0] countdown_next;
    reg  [7:0] line_bit;

    // Sub module instances
    spoon_board$receiver$sync_low sync_low(
        .d(sync_low$d),
        .q(sync_low$q),
        .clock(clock)
    );
    spoon_board$receiver$line_low line_low(
        .d(line_low$d),
        .q(line_low$q),
        .clock(clock)
    );
    spoon_board$receiver$busy busy(
        .d(busy$d),
        .q(busy$q),
        .clock(clock)
    );
    spoon_board$receiver$countdown countdown(
        .d(countdown$d),
        .q(countdown$q),
        .clock(clock)
    );
    spoon_board$receiver$bit_index bit_index(
        .d(bit_index$d),
        .q(bit_index$q),
        .clock(clock)
    );
    spoon_board$receiver$shift shift(
        .d(shift$d),
        .q(shift$q),
        .clock(clock)
    );
    spoon_board$receiver$valid_q valid_q(
        .d(valid_q$d),
        .q(valid_q$q),
        .clock(clock)
    );
    spoon_board$receiver$error_q error_q(
        .d(error_q$d),
        .q(error_q$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        sync_low$d = sync_low$q;
        line_low$d = line_low$q;
        busy$d = busy$q;
        countdown$d = countdown$q;
        bit_index$d = bit_index$q;
        shift$d = shift$q;
        valid_q$d = valid_q$q;
        error_q$d = error_q$q;
        countdown_next = countdown$q;
        sync_low$d = ~rx;
        line_low$d = sync_low$q;
        valid$work = valid_q$q;
        framing_error$work = error_q$q;
        data$work = shift$q;
        valid_q$d = 1'b0;
        error_q$d = 1'b0;
        line_bit = 32'h0;
        if (~line_low$q) begin
            line_bit = 32'h1;
        end
        if (~busy$q) begin
            if (line_low$q) begin
                busy$d = 1'b1;
                countdown_next = half_bit;
                bit_index$d = 32'h0;
            end
        end
        else if (|countdown$q) begin
            countdown_next = countdown$q - 32'h1;
        end
        else begin
            countdown_next = whole_bit;
            bit_index$d = bit_index$q + 32'h1;
            if (bit_index$q == 32'h0) begin
                busy$d = line_low$q;
            end
            else if (bit_index$q == 32'h9) begin
                busy$d = 1'b0;
                valid_q$d = ~line_low$q;
                error_q$d = line_low$q;
            end
            else begin
                shift$d = (shift$q >> 32'h1) | (line_bit << 32'h7);
            end
        end
        countdown$d = countdown_next & count_mask;
        valid = valid$work;
        framing_error = framing_error$work;
        data = data$work;
    end

endmodule // spoon_board$receiver


module spoon_board$receiver$bit_index(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$bit_index


module spoon_board$receiver$busy(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$busy


module spoon_board$receiver$countdown(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$countdown


module spoon_board$receiver$error_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$error_q


module spoon_board$receiver$line_low(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$line_low


module spoon_board$receiver$shift(d,q,clock);

    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 8'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$shift


module spoon_board$receiver$sync_low(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$sync_low


module spoon_board$receiver$valid_q(d,q,clock);

    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 1'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$receiver$valid_q


module spoon_board$transmitter(clock,send,data,ready,tx);

    // Module arguments
    input wire  clock;
    input wire  send;
    input wire  [7:0] data;
    output reg  ready;
    reg  ready$work;
    output reg  tx;
    reg  tx$work;

    // Constant declarations
    localparam [15:0] count_mask = 16'h7;
    localparam [15:0] whole_bit = 16'h7;
    localparam [9:0] one = 10'b1;

    // Stub signals
    reg  [9:0] shift_low$d;
    wire  [9:0] shift_low$q;
    reg  [3:0] bits$d;
    wire  [3:0] bits$q;
    reg  [15:0] countdown$d;
    wire  [15:0] countdown$q;

    // Local signals
    reg  [15:0] countdown_next;
    reg  [7:0] data_low;

    // Sub module instances
    spoon_board$transmitter$shift_low shift_low(
        .d(shift_low$d),
        .q(shift_low$q),
        .clock(clock)
    );
    spoon_board$transmitter$bits bits(
        .d(bits$d),
        .q(bits$q),
        .clock(clock)
    );
    spoon_board$transmitter$countdown countdown(
        .d(countdown$d),
        .q(countdown$q),
        .clock(clock)
    );

    // Update code
    always @(*) begin
        shift_low$d = shift_low$q;
        bits$d = bits$q;
        countdown$d = countdown$q;
        data_low = ~data;
        countdown_next = countdown$q;
        ready$work = ~|bits$q || ((bits$q == 32'h1) && ~|countdown$q);
        tx$work = ~shift_low$q[32'h0];
        if (|bits$q) begin
            if (|countdown$q) begin
                countdown_next = countdown$q - 32'h1;
            end
            else begin
                shift_low$d = shift_low$q >> 32'h1;
                bits$d = bits$q - 32'h1;
                countdown_next = whole_bit;
            end
        end
        if (ready$work && send) begin
            shift_low$d = (((data_low) & 10'h3ff) << 32'h1) | one;
            bits$d = 32'ha;
            countdown_next = whole_bit;
        end
        countdown$d = countdown_next & count_mask;
        ready = ready$work;
        tx = tx$work;
    end

endmodule // spoon_board$transmitter


module spoon_board$transmitter$bits(d,q,clock);

    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 4'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$transmitter$bits


module spoon_board$transmitter$countdown(d,q,clock);

    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 16'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$transmitter$countdown


module spoon_board$transmitter$shift_low(d,q,clock);

    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;

    // Update code (custom)
    initial begin
       q = 10'h0;
    end

    always @(posedge clock) begin
       q <= d;
    end

endmodule // spoon_board$transmitter$shift_low
